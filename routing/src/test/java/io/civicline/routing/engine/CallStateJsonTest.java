package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.TUESDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The channel stores the call's state between webhooks as JSON: nothing may be lost. */
class CallStateJsonTest {

  static Stream<Arguments> states() {
    return Stream.<Function<Call, Call>>of(
            call -> call,
            call -> call.press("2"),
            call -> call.press("2").press("9"),
            call -> call.press("2").press("8"),
            call -> call.press("1").press("3").noAnswer(),
            call -> call.press("2").press("2").after(61, new CallEvent.QueueWait(2, 61, 90)),
            call -> call.press("1").press("1").answeredBy("maria-gonzalez"),
            call -> call.press("1").press("4"))
        .map(
            walk -> {
              CallState state =
                  walk.apply(Call.start(Lakeside.town(), CALLER, TUESDAY_MORNING)).state();
              return Arguments.of(state.path(), state);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void roundTripsThroughJsonText(List<String> path, CallState state) {
    String stored = state.toJson().encode();

    CallState restored = CallState.fromJson(new JsonObject(stored));

    assertThat(restored).isEqualTo(state);
    assertThat(restored.toJson()).isEqualTo(state.toJson());
  }
}
