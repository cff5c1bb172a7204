package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.TUESDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.FlowFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call finishes on the version it started with, whatever is published meanwhile. */
class FlowVersionsTest {
  private static final Flow VERSION_2 =
      FlowFixtures.read(
          "main",
          FlowFixtures.text(FlowFixtures.directory("good").resolve(Path.of("lakeside-main.yaml")))
              .replace("For the clerk, press 1.", "For the township clerk, press 1."));

  private static FlowVersions published(int version) {
    return new FlowVersions(
        Map.of(
            "main", Map.of(1, Lakeside.MAIN, 2, VERSION_2),
            "public-works", Map.of(1, Lakeside.PUBLIC_WORKS)),
        Map.of("main", version, "public-works", 1));
  }

  @Test
  void aCallStartedOnVersion1KeepsRunningVersion1AfterVersion2IsPublished() {
    Lakeside before = Lakeside.town().withFlows(published(1));
    Lakeside after = Lakeside.town().withFlows(published(2));
    Call call = Call.start(before, CALLER, TUESDAY_MORNING);
    assertThat(call.state().flowVersion()).isEqualTo(1);

    call.in(after.context()).press("1");

    assertThat(call.state().flowVersion()).isEqualTo(1);
    assertThat(call.saidTexts()).singleElement().asString().startsWith("For the clerk, press 1.");
  }

  @Test
  void aNewCallAfterThePublishRunsVersion2() {
    Call call = Call.start(Lakeside.town().withFlows(published(2)), CALLER, TUESDAY_MORNING);
    call.press("1");

    assertThat(call.state().flowVersion()).isEqualTo(2);
    assertThat(call.saidTexts())
        .singleElement()
        .asString()
        .startsWith("For the township clerk, press 1.");
  }

  @Test
  void versionsArePublishedPerFlow() {
    FlowVersions versions = published(2);

    assertThat(versions.published("main")).get().extracting(p -> p.version()).isEqualTo(2);
    assertThat(versions.version("main", 1)).contains(Lakeside.MAIN);
    assertThat(versions.version("main", 3)).isEmpty();
    assertThat(versions.published("parks")).isEmpty();
  }

  @Test
  void startingAnUnpublishedFlowIsRefused() {
    assertThatThrownBy(
            () -> Call.start(Lakeside.town().context(), "snow-line", CALLER, TUESDAY_MORNING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("snow-line");
  }
}
