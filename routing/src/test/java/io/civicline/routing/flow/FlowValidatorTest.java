package io.civicline.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Validator rules the fixtures do not pin down on their own. */
class FlowValidatorTest {

  private static List<String> problems(String yaml) {
    return FlowFixtures.problems("test", yaml, FlowValidator.Directory.NONE);
  }

  @Test
  void didYouMeanNamesTheClosestNodeNotTheFirstCloseOne() {
    assertThat(
            problems(
                """
                name: Typo
                start: menu
                nodes:
                  menu:
                    kind: menu
                    prompt: {en: Press 1.}
                    options: {1: buildng, 2: build, 3: building}
                  build: {kind: hangup}
                  building: {kind: hangup}
                """))
        .containsExactly(
            "#/nodes/menu/options/1: unknown node 'buildng'; did you mean 'building'?");
  }

  @Test
  void noSuggestionWhenNothingIsClose() {
    assertThat(
            problems(
                """
                name: Typo
                start: hello
                nodes:
                  hello: {kind: say, prompt: {en: Hi.}, next: treasurer-queue}
                  bye: {kind: hangup}
                """))
        .contains("#/nodes/hello/next: unknown node 'treasurer-queue'");
  }

  @Test
  void loopsThatWaitForTheCallerAreFine() {
    // main menu -> sms -> main menu: the menu waits for a key each time round.
    assertThat(
            problems(
                """
                name: Forms again
                start: menu
                nodes:
                  menu:
                    kind: menu
                    prompt: {en: Press 8 for forms.}
                    options: {8: forms}
                  forms: {kind: sms, text: {en: "https://lakeside.example/forms"}, next: menu}
                """))
        .isEmpty();
  }

  @Test
  void withoutADirectoryOnlyTheStructureIsChecked() {
    assertThat(
            problems(
                """
                name: Anything goes
                start: hours
                nodes:
                  hours: {kind: schedule, department: nowhere, open: sub, closed: sub}
                  sub: {kind: subflow, flow: elsewhere}
                """))
        .isEmpty();
  }
}
