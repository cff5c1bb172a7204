package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.TUESDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.engine.CallContext.MailboxSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A mailbox's own settings (greeting, longest message) win over the flow's voicemail node. */
class MailboxGreetingTest {
  private static final String SHA = "a".repeat(64);
  private final Lakeside town = Lakeside.town();

  private CallContext withClerkMailbox(MailboxSettings settings) {
    CallContext plain = town.context();
    return new CallContext(
        plain.tenant(),
        plain.townName(),
        plain.timeZone(),
        plain.defaultLanguage(),
        plain.languages(),
        plain.departments(),
        plain.closures(),
        plain.staff(),
        plain.flows(),
        Map.of(settings.mailbox(), settings));
  }

  /** Main line, press 1 for the Clerk, nobody available: straight to the Clerk's voicemail. */
  private static Call toClerkVoicemail(CallContext context, String languageKey) {
    Call call = Call.start(context, "main", CALLER, TUESDAY_MORNING).press(languageKey).press("1");
    while (call.actions(Action.Record.class).isEmpty() && !call.state().ended()) {
      call.noAnswer();
    }
    return call;
  }

  @Test
  void anUploadedGreetingInTheCallersLanguageIsPlayed() {
    CallContext context =
        withClerkMailbox(
            new MailboxSettings(
                "department:clerk",
                Map.of("en", "Text greeting"),
                Map.of("en", SHA),
                Optional.of(45)));

    Call call = toClerkVoicemail(context, "1");

    assertThat(call.actions(Action.PlayGreeting.class))
        .containsExactly(new Action.PlayGreeting("department:clerk", "en", SHA));
    assertThat(call.actions(Action.Say.class)).isEmpty();
    assertThat(call.only(Action.Record.class).maxSeconds()).isEqualTo(45);
  }

  @Test
  void aTextGreetingIsSaidWhenThereIsNoRecordingInThatLanguage() {
    CallContext context =
        withClerkMailbox(
            new MailboxSettings(
                "department:clerk",
                Map.of("es", "Deje su mensaje para la secretaría."),
                Map.of("en", SHA),
                Optional.empty()));

    Call call = toClerkVoicemail(context, "2");

    assertThat(call.actions(Action.Say.class))
        .extracting(Action.Say::text)
        .containsExactly("Deje su mensaje para la secretaría.");
    assertThat(call.actions(Action.PlayGreeting.class)).isEmpty();
  }

  @Test
  void withoutSettingsTheFlowsGreetingAndLengthApply() {
    Call call = toClerkVoicemail(town.context(), "1");

    assertThat(call.actions(Action.PlayGreeting.class)).isEmpty();
    assertThat(call.actions(Action.Say.class)).isNotEmpty();
    assertThat(call.only(Action.Record.class).maxSeconds()).isPositive();
  }
}
