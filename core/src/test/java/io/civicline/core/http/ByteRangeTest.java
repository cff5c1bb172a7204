package io.civicline.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void theThreeShapesOfOneRange() {
    assertThat(ByteRange.parse("bytes=2-4", 10)).contains(new ByteRange(2, 4));
    assertThat(ByteRange.parse("bytes=7-", 10)).contains(new ByteRange(7, 9));
    assertThat(ByteRange.parse("bytes=-3", 10)).contains(new ByteRange(7, 9));
    assertThat(ByteRange.parse("bytes=5-99", 10)).contains(new ByteRange(5, 9));
    assertThat(ByteRange.parse("bytes=-99", 10)).contains(new ByteRange(0, 9));
    assertThat(new ByteRange(2, 4).contentRange(10)).isEqualTo("bytes 2-4/10");
    assertThat(new ByteRange(2, 4).length()).isEqualTo(3);
  }

  @Test
  void whatItDoesNotUnderstandServesTheWholeContent() {
    for (String header :
        new String[] {null, "items=1-2", "bytes=1-2,4-5", "bytes=5-2", "bytes=-"}) {
      assertThat(ByteRange.parse(header, 10))
          .as(String.valueOf(header))
          .isEqualTo(Optional.empty());
    }
  }

  @Test
  void aRangeWithNoByteOfTheContentIsUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }
}
