package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.TUESDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.flow.FlowFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Play, say, condition and hangup, on the parks line and on small flows written here. */
class NodeKindsTest {
  private static final String STRANGER = "+13135550100";

  /** Language choice, then a condition on the chosen language and on a variable. */
  private static final String SCREENING =
      """
      name: Screening
      start: pick
      lists:
        priority: ["+12695550123"]
      nodes:
        pick:
          kind: language
          prompt: {en: "English, press 1.", es: "Español, oprima 2."}
          options: {1: en, 2: es}
          next: who
        who:
          kind: condition
          rules:
            - callerIn: priority
              next: priority-line
            - language: es
              next: spanish-desk
            - variable: tier
              equals: gold
              next: priority-line
          else: front-desk
        priority-line:
          kind: hangup
          prompt: {en: "Priority line.", es: "Línea prioritaria."}
        spanish-desk:
          kind: say
          prompt: {en: "Spanish desk.", es: "Mesa en español."}
          next: bye
        front-desk:
          kind: say
          prompt: {en: "Front desk.", es: "Recepción."}
          next: bye
        bye:
          kind: hangup
      """;

  private final Lakeside town =
      Lakeside.town().withFlow("screening", FlowFixtures.read("screening", SCREENING));

  @ParameterizedTest(name = "{0} presses {1} -> {2}")
  @CsvSource({
    "+12695550123, 1, priority-line, Priority line.",
    "+12695550123, 2, priority-line, Línea prioritaria.",
    "+13135550100, 2, spanish-desk, Mesa en español.",
    "+13135550100, 1, front-desk, Front desk.",
  })
  void conditionTestsListThenLanguageThenElse(
      String caller, String key, String reached, String heard) {
    Call call = Call.start(town.context(), "screening", caller, TUESDAY_MORNING).press(key);

    assertThat(call.state().path()).contains(reached);
    assertThat(call.saidTexts()).first().isEqualTo(heard);
  }

  @Test
  void conditionOnAVariableSetByAMenuOption() {
    // Parks: option 1 sets topic=pavilion, and the condition sends the caller to the desk.
    Call call = Call.start(town.context(), "parks", STRANGER, TUESDAY_MORNING).press("1");

    assertThat(call.state().variables()).containsEntry("topic", "pavilion");
    assertThat(call.state().path()).endsWith("reservation-choice", "reservations-desk");
    assertThat(call.dialed()).containsExactly("number:+12695550177");
  }

  @Test
  void conditionOnAMissingVariableFallsToElse() {
    Call call =
        Call.start(
            Lakeside.town()
                .withFlow(
                    "direct",
                    FlowFixtures.read(
                        "direct",
                        """
                        name: Direct
                        start: who
                        nodes:
                          who:
                            kind: condition
                            rules: [{variable: tier, equals: gold, next: gold}]
                            else: plain
                          gold: {kind: hangup, prompt: {en: Gold.}}
                          plain: {kind: hangup, prompt: {en: Plain.}}
                        """))
                .context(),
            "direct",
            STRANGER,
            TUESDAY_MORNING);

    assertThat(call.saidTexts()).containsExactly("Plain.");
    assertThat(call.state().outcome()).contains(Outcome.MESSAGE);
  }

  @Test
  void playPlaysTheRecordingInTheCallersLanguageThenGoesOn() {
    Call call = Call.start(town.context(), "parks", STRANGER, TUESDAY_MORNING);

    assertThat(call.actions())
        .first()
        .isEqualTo(new Action.Play("https://media.lakeside.example/parks/summer-en.mp3"));
    assertThat(call.state().path())
        .containsExactly("season-greeting", "priority-check", "parks-menu");
  }

  @Test
  void aPriorityCallerSkipsTheMenu() {
    Call call = Call.start(town.context(), "parks", CALLER, TUESDAY_MORNING);

    assertThat(call.state().node()).isEqualTo("coordinator");
    // Longest idle first: sofia (since 08:10), then ben (since 09:30); app only.
    assertThat(call.dialed()).containsExactly("client:sofia-reyes");
    call.noAnswer();
    assertThat(call.dialed()).containsExactly("client:ben-adeyemi");
  }

  @Test
  void aForwardWithoutNoAnswerTargetFailsWhenNobodyAnswers() {
    Call call =
        Call.start(town.context(), "parks", STRANGER, TUESDAY_MORNING).press("1").noAnswer();

    assertThat(call.state().outcome()).contains(Outcome.FAILED);
    assertThat(call.actions()).containsExactly(new Action.Hangup());
  }

  @Test
  void sayFallsBackToTheTownDefaultWhenThePromptLacksTheCallersLanguage() {
    Lakeside english =
        Lakeside.town()
            .withFlow(
                "english",
                FlowFixtures.read(
                    "english",
                    """
                    name: English only
                    start: pick
                    nodes:
                      pick:
                        kind: language
                        prompt: {en: "English, press 1.", es: "Español, oprima 2."}
                        options: {1: en, 2: es}
                        next: hello
                      hello: {kind: say, prompt: {en: Hello.}, next: bye}
                      bye: {kind: hangup}
                    """));
    Call call = Call.start(english.context(), "english", STRANGER, TUESDAY_MORNING).press("2");

    assertThat(call.actions()).containsExactly(new Action.Say("Hello.", "en"), new Action.Hangup());
  }
}
