package io.civicline.core.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceViewTest {
  static final Instant TWO_PM = Instant.parse("2026-03-02T14:00:00Z");

  private static Optional<JsonObject> dndUntilTwo() {
    return Optional.of(
        new JsonObject()
            .put("status", "do-not-disturb")
            .put("since", "2026-03-02T12:00:00Z")
            .put("until", TWO_PM.toString()));
  }

  @Test
  void aStatusReadsAsSetUntilItsUntil() {
    assertThat(PresenceView.at(dndUntilTwo(), TWO_PM.minusSeconds(1))).isEqualTo(dndUntilTwo());
    JsonObject busy = new JsonObject().put("status", "busy").put("since", "2026-03-02T09:00:00Z");
    assertThat(PresenceView.at(Optional.of(busy), TWO_PM)).contains(busy);
    assertThat(PresenceView.at(Optional.empty(), TWO_PM)).isEmpty();
  }

  @Test
  void fromItsUntilItReadsAsAvailableSinceThen() {
    assertThat(PresenceView.at(dndUntilTwo(), TWO_PM))
        .contains(new JsonObject().put("status", "available").put("since", TWO_PM.toString()));
    JsonObject view =
        PresenceView.of("maria", PresenceView.at(dndUntilTwo(), TWO_PM.plusSeconds(60)), false);
    assertThat(view.getString("status")).isEqualTo("available");
    assertThat(view.containsKey("until")).isFalse();
  }
}
