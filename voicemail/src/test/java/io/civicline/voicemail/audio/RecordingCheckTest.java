package io.civicline.voicemail.audio;

import static io.civicline.voicemail.audio.TestWav.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordingCheckTest {
  private static final long ONE_MIB = 1024 * 1024;

  @Test
  void acceptsARecordingAsLongAsTheCarrierSaid() {
    byte[] recording = wav(PCM, 1, 8000, 16, sine(300, 8000, 10.4, 1, 0.5));

    AudioInfo info = RecordingCheck.verify(recording, Duration.ofSeconds(10), ONE_MIB);

    assertThat(info.duration()).isEqualTo(Duration.ofMillis(10400));
    assertThat(info.format()).isEqualTo(AudioFormat.PCM);
  }

  @Test
  void allowsTwoSecondsOrTenPercentWhicheverIsMore() {
    byte[] tenSeconds = wav(MU_LAW, 1, 8000, 8, sine(300, 8000, 10, 1, 0.5));
    byte[] sixtySeconds = wav(MU_LAW, 1, 8000, 8, sine(300, 8000, 60, 1, 0.5));

    RecordingCheck.verify(tenSeconds, Duration.ofSeconds(12), ONE_MIB);
    RecordingCheck.verify(tenSeconds, Duration.ofSeconds(8), ONE_MIB);
    assertMismatch(tenSeconds, Duration.ofMillis(12100), "allowed difference 2 s");
    assertMismatch(tenSeconds, Duration.ofMillis(7900), "allowed difference 2 s");
    RecordingCheck.verify(sixtySeconds, Duration.ofSeconds(66), ONE_MIB); // 6.6 s allowed
    RecordingCheck.verify(sixtySeconds, Duration.ofSeconds(55), ONE_MIB); // 5.5 s allowed
    assertMismatch(
        sixtySeconds,
        Duration.ofSeconds(67),
        "the file is 1 min long but the carrier reported 1 min 7 s (allowed difference 6.7 s)");
    assertMismatch(sixtySeconds, Duration.ofSeconds(53), "allowed difference 5.3 s");
  }

  @Test
  void refusesARecordingOverTheSizeLimit() {
    byte[] recording = wav(PCM, 1, 8000, 16, sine(300, 8000, 10, 1, 0.5));

    assertThatThrownBy(() -> RecordingCheck.verify(recording, Duration.ofSeconds(10), 100_000))
        .isInstanceOf(BadRecordingException.class)
        .hasMessage("recording too big: 160044 bytes; the limit is 100000 bytes");
  }

  @Test
  void refusesAnUnreadableRecordingKeepingTheCause() {
    byte[] whole = wav(PCM, 1, 8000, 16, sine(300, 8000, 10, 1, 0.5));
    byte[] cut = Arrays.copyOf(whole, 50_000);

    assertThatThrownBy(() -> RecordingCheck.verify(cut, Duration.ofSeconds(10), ONE_MIB))
        .isInstanceOf(BadRecordingException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unreadable recording: truncated WAV file")
        .hasCauseInstanceOf(InvalidAudioException.class);
    assertThatThrownBy(() -> RecordingCheck.verify(new byte[0], Duration.ofSeconds(1), ONE_MIB))
        .isInstanceOf(BadRecordingException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void checksHeaderlessMuLaw() {
    byte[] raw = new byte[8000 * 20];

    assertThat(RecordingCheck.verifyRawMuLaw(raw, Duration.ofSeconds(21), ONE_MIB).duration())
        .isEqualTo(Duration.ofSeconds(20));
    assertThatThrownBy(() -> RecordingCheck.verifyRawMuLaw(raw, Duration.ofSeconds(30), ONE_MIB))
        .isInstanceOf(BadRecordingException.class)
        .hasMessageContaining("the file is 20 s long but the carrier reported 30 s");
  }

  private static void assertMismatch(byte[] recording, Duration expected, String detail) {
    assertThatThrownBy(() -> RecordingCheck.verify(recording, expected, ONE_MIB))
        .isInstanceOf(BadRecordingException.class)
        .hasMessageContaining("recording length mismatch")
        .hasMessageContaining(detail);
  }
}
