package io.civicline.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.engine.CallEvent.MailboxOpened;
import io.civicline.routing.engine.CallEvent.MailboxResult;
import io.civicline.routing.engine.CallEvent.MessageSummary;
import io.civicline.routing.flow.FlowFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staff call the voicemail line, type mailbox and PIN, and go through their messages. */
class VoicemailAccessTest {
  private static final String STAFF_PHONE = "+12695550301";
  private static final Instant NOW = Lakeside.TUESDAY_MORNING;
  private static final MessageSummary FIRST =
      new MessageSummary(
          "vm-1",
          Instant.parse("2026-11-24T14:40:00Z"),
          "+12075550123",
          6,
          "https://phones.example/audio/vm-1",
          true,
          false);
  private static final MessageSummary SECOND =
      new MessageSummary(
          "vm-2",
          Instant.parse("2026-11-23T21:05:00Z"),
          "anonymous",
          9,
          "https://phones.example/audio/vm-2",
          false,
          true);

  private final CallContext lakeside =
      Lakeside.town()
          .withFlow("staff", FlowFixtures.load("lakeside-staff-voicemail.yaml"))
          .context();

  private Call call(CallContext context) {
    return Call.start(context, "staff", STAFF_PHONE, NOW);
  }

  private Call call() {
    return call(lakeside);
  }

  private static MailboxOpened accepted(MessageSummary... messages) {
    return new MailboxOpened(MailboxResult.ACCEPTED, List.of(messages));
  }

  @Test
  void asksForTheMailboxThenThePinAndOpensItWithoutKeepingThePin() {
    Call call = call();
    assertThat(call.saidTexts())
        .containsExactly(
            "Lakeside Township staff voicemail.",
            "Please enter your mailbox number, then press pound.");
    assertThat(call.only(Action.Gather.class).maxDigits()).isEqualTo(10);

    call.press("200");
    assertThat(call.saidTexts()).containsExactly("Please enter your PIN, then press pound.");

    call.press("482915");
    Action.OpenMailbox open = call.only(Action.OpenMailbox.class);
    assertThat(open).isEqualTo(new Action.OpenMailbox("department:clerk", "482915"));
    assertThat(open.toString()).doesNotContain("482915");
    assertThat(call.state().toJson().encode()).doesNotContain("482915");
    assertThat(call.state().ended()).isFalse();
  }

  @Test
  void announcesTheMessagesThenPlaysEachWithWhenAndFromWhom() {
    Call call = call().press("200").press("482915").send(accepted(FIRST, SECOND));

    assertThat(call.saidTexts())
        .containsExactly(
            "You have 1 new message.",
            "You have 1 saved message.",
            "Message received Tuesday, November 24 at 9:40 AM, from 2 0 7 5 5 5 0 1 2 3.",
            "To save this message, press 1. To delete it, press 7. To skip it, press pound.");
    Action.Gather menu = call.only(Action.Gather.class);
    assertThat(menu.maxDigits()).isEqualTo(1);
    assertThat(menu.prompts()).contains(new Action.Play("https://phones.example/audio/vm-1"));
  }

  @Test
  void onePressSavesSevenDeletesAndTheLastMessageEndsTheCall() {
    Call call = call().press("101").press("1234").send(accepted(FIRST, SECOND));

    call.press("1");
    assertThat(call.actions(Action.UpdateMessage.class))
        .containsExactly(
            new Action.UpdateMessage("staff:maria-gonzalez", "vm-1", Action.MessageChange.SAVE));
    assertThat(call.saidTexts())
        .startsWith("Message saved.")
        .contains("Message received Monday, November 23 at 4:05 PM, from an unknown number.");
    assertThat(call.only(Action.Gather.class).prompts())
        .contains(new Action.Play("https://phones.example/audio/vm-2"));

    // The second message is on legal hold: 7 tells so and deletes nothing.
    call.press("7");
    assertThat(call.actions(Action.UpdateMessage.class)).isEmpty();
    assertThat(call.saidTexts())
        .containsExactly(
            "That message is kept and cannot be deleted now.", "No more messages. Goodbye.");
    assertThat(call.state().outcome()).contains(Outcome.MESSAGE);
    assertThat(call.actions()).last().isEqualTo(new Action.Hangup());
  }

  @Test
  void sevenDeletesAndPoundOrNineSkips() {
    Call call = call().press("200").press("1234").send(accepted(FIRST, SECOND, FIRST_COPY, FOURTH));
    call.press("7");
    assertThat(call.actions(Action.UpdateMessage.class))
        .containsExactly(
            new Action.UpdateMessage("department:clerk", "vm-1", Action.MessageChange.DELETE));
    assertThat(call.saidTexts()).first().isEqualTo("Message deleted.");

    call.press("#");
    assertThat(call.actions(Action.UpdateMessage.class)).isEmpty();
    assertThat(call.only(Action.Gather.class).prompts())
        .contains(new Action.Play("https://phones.example/audio/vm-3"));

    call.press("5");
    assertThat(call.saidTexts())
        .containsExactly(
            "Sorry, that is not a valid choice.",
            "To save this message, press 1. To delete it, press 7. To skip it, press pound.");

    call.press("9");
    assertThat(call.only(Action.Gather.class).prompts())
        .contains(new Action.Play("https://phones.example/audio/vm-4"));
    call.press("9");
    assertThat(call.saidTexts()).containsExactly("No more messages. Goodbye.");
    assertThat(call.state().ended()).isTrue();
  }

  private static final MessageSummary FIRST_COPY =
      new MessageSummary(
          "vm-3", Instant.parse("2026-11-22T15:00:00Z"), "+12075550124", 4, url(3), true, false);
  private static final MessageSummary FOURTH =
      new MessageSummary(
          "vm-4", Instant.parse("2026-11-21T15:00:00Z"), "+12075550125", 4, url(4), true, false);

  private static String url(int n) {
    return "https://phones.example/audio/vm-" + n;
  }

  @Test
  void threeRefusalsSayTheSameWordsThenGoodbye() {
    Call call = call().press("200").press("0000").send(MailboxOpened.refused());
    assertThat(call.saidTexts())
        .containsExactly(
            "That mailbox and PIN do not match.",
            "Please enter your mailbox number, then press pound.");

    // A mailbox number the line does not know is refused in the same words, without asking.
    call.press("999").press("1234");
    assertThat(call.actions(Action.OpenMailbox.class)).isEmpty();
    assertThat(call.saidTexts())
        .containsExactly(
            "That mailbox and PIN do not match.",
            "Please enter your mailbox number, then press pound.");

    call.press("101").press("1111").send(MailboxOpened.refused());
    assertThat(call.saidTexts()).containsExactly("That mailbox and PIN do not match.", "Goodbye.");
    assertThat(call.state().ended()).isTrue();
    assertThat(call.actions()).last().isEqualTo(new Action.Hangup());
  }

  @Test
  void anEmptyMailboxSaysSoAndEnds() {
    Call call = call().press("200").press("1234").send(accepted());
    assertThat(call.saidTexts()).containsExactly("You have no messages. Goodbye.");
    assertThat(call.state().ended()).isTrue();
  }

  @Test
  void silenceAsksAgainThenSaysGoodbye() {
    Call call = call().silence();
    assertThat(call.saidTexts())
        .containsExactly("Please enter your mailbox number, then press pound.");
    call.silence().silence();
    assertThat(call.saidTexts()).containsExactly("Goodbye.");
    assertThat(call.state().ended()).isTrue();
  }

  @Test
  void promptsAreInTheCallersLanguage() {
    CallContext c = lakeside;
    CallContext spanish =
        new CallContext(
            c.tenant(),
            c.townName(),
            c.timeZone(),
            "es",
            c.languages(),
            c.departments(),
            c.closures(),
            c.staff(),
            c.flows());
    Call call = call(spanish);
    assertThat(call.said())
        .contains(
            new Action.Say(
                "Por favor marque el número de su buzón y luego oprima la tecla de numeral.",
                "es"));
    call.press("200").press("1").send(MailboxOpened.refused());
    assertThat(call.saidTexts()).first().isEqualTo("Ese buzón y ese PIN no coinciden.");
    call.press("200").press("2").send(accepted(FIRST));
    assertThat(call.saidTexts())
        .containsExactly(
            "Tiene 1 mensaje nuevo.",
            "Mensaje recibido el martes 24 de noviembre a las 9:40, del número 2 0 7 5 5 5 0 1 2"
                + " 3.",
            "Para guardar este mensaje, oprima 1. Para borrarlo, oprima 7. Para pasar al"
                + " siguiente, oprima la tecla de numeral.");
    call.press("1");
    assertThat(call.saidTexts())
        .containsExactly("Mensaje guardado.", "No hay más mensajes. Adiós.");
  }

  @Test
  void theSimulatorOpensTheMailboxOnlyWhenToldTo() {
    Simulator.Trace refused =
        Simulator.run(
            lakeside,
            "staff",
            STAFF_PHONE,
            Lakeside.MAIN_NUMBER,
            NOW,
            Simulator.parseAll(List.of("200", "1234")));
    assertThat(refused.entries().get(3).answeredWith()).contains("the mailbox refuses the PIN");

    Simulator.Trace opened =
        Simulator.run(
            lakeside,
            "staff",
            STAFF_PHONE,
            Lakeside.MAIN_NUMBER,
            NOW,
            Simulator.parseAll(List.of("200", "1234", "open:accepted", "1")));
    assertThat(opened.outcome()).isEqualTo(Outcome.MESSAGE);
    assertThat(opened.entries())
        .extracting(e -> e.answeredWith().orElse("-"))
        .containsExactly("-", "presses 200", "presses 1234", "the mailbox opens", "presses 1");
    assertThat(opened.entries().get(4).actions())
        .contains(
            new Action.UpdateMessage("department:clerk", "simulated", Action.MessageChange.SAVE));
  }
}
