package io.civicline.routing.engine;

import static io.civicline.routing.engine.Lakeside.BLOCKED_CALLER;
import static io.civicline.routing.engine.Lakeside.CALLER;
import static io.civicline.routing.engine.Lakeside.TUESDAY_MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.routing.engine.CallContext.Presence;
import io.civicline.routing.engine.CallEvent.DialEnded;
import io.civicline.routing.engine.CallEvent.DialStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Lakeside main line, node by node, on a Tuesday morning with the offices open. */
class FlowEngineTest {
  private final Lakeside town = Lakeside.town();

  private Call english() {
    return Call.start(town, CALLER, TUESDAY_MORNING).press("1");
  }

  private Call spanish() {
    return Call.start(town, CALLER, TUESDAY_MORNING).press("2");
  }

  @Test
  void theCallStartsWithTheLanguageChoiceEachOptionInItsOwnLanguage() {
    Call call = Call.start(town, CALLER, TUESDAY_MORNING);

    Action.Gather gather = call.only(Action.Gather.class);
    assertThat(gather.prompts())
        .containsExactly(
            new Action.Say("Thank you for calling Lakeside Township. For English, press 1.", "en"),
            new Action.Say(
                "Gracias por llamar al Municipio de Lakeside. Para español, oprima 2.", "es"));
    assertThat(gather.timeoutSeconds()).isEqualTo(4);
    assertThat(call.state().node()).isEqualTo("welcome");
    assertThat(call.state().flowVersion()).isEqualTo(1);
    assertThat(call.state().ended()).isFalse();
  }

  @Test
  void englishLeadsThroughScreeningAndHoursToTheMainMenu() {
    Call call = english();

    assertThat(call.state().path())
        .containsExactly("welcome", "screen", "clerk-hours", "main-menu");
    Action.Gather menu = call.only(Action.Gather.class);
    assertThat(menu.language()).isEqualTo("en");
    assertThat(call.saidTexts()).singleElement().asString().startsWith("For the clerk, press 1.");
    assertThat(menu.speechHints()).contains("clerk", "taxes", "forms").doesNotContain("impuestos");
  }

  @Test
  void spanishCarriesThroughMenuPhrasesAndVoicemailGreeting() {
    Call call = spanish();
    assertThat(call.state().language()).isEqualTo("es");
    assertThat(call.said()).singleElement().extracting(Action.Say::language).isEqualTo("es");
    assertThat(call.saidTexts()).singleElement().asString().startsWith("Para la secretaría");
    assertThat(call.only(Action.Gather.class).speechHints()).contains("impuestos");

    call.press("7");
    assertThat(call.said())
        .containsExactly(
            new Action.Say("Lo siento, esa no es una opción válida.", "es"), call.said().get(1));
    assertThat(call.said().get(1).text()).startsWith("Para la secretaría");

    call.press("1").noAnswer();
    assertThat(call.state().node()).isEqualTo("clerk-voicemail");
    assertThat(call.said())
        .containsExactly(
            new Action.Say(
                "Ha llamado a la secretaría del Municipio de Lakeside. Deje un mensaje después"
                    + " del tono.",
                "es"));
    assertThat(call.only(Action.Record.class))
        .isEqualTo(new Action.Record("department:clerk", 180));

    call.send(new CallEvent.RecordingDone("RE1", 42));
    assertThat(call.said())
        .containsExactly(new Action.Say("Gracias, su mensaje ha sido guardado. Adiós.", "es"));
    assertThat(call.actions()).last().isEqualTo(new Action.Hangup());
    assertThat(call.state().outcome()).contains(Outcome.VOICEMAIL);
  }

  @Test
  void noLanguageChoiceRetriesOnceThenKeepsTheTownDefault() {
    Call call = Call.start(town, CALLER, TUESDAY_MORNING).silence();
    assertThat(call.state().node()).isEqualTo("welcome");
    assertThat(call.only(Action.Gather.class).prompts()).hasSize(2);

    call.press("5");
    assertThat(call.state().node()).isEqualTo("main-menu");
    assertThat(call.state().language()).isEqualTo("en");
  }

  @Test
  void speechIsIgnoredByTheLanguageChoice() {
    Call call = Call.start(town, CALLER, TUESDAY_MORNING).say("español");

    assertThat(call.state().node()).isEqualTo("welcome");
    assertThat(call.actions()).isEmpty();
  }

  @Test
  void aBlockedCallerHearsTheRefusalAndTheFlowHangsUp() {
    Call call = Call.start(town, BLOCKED_CALLER, TUESDAY_MORNING).press("2");

    assertThat(call.state().path()).containsExactly("welcome", "screen", "blocked-goodbye");
    assertThat(call.actions())
        .containsExactly(
            new Action.Say("Esta línea no puede atender su llamada. Adiós.", "es"),
            new Action.Hangup());
    assertThat(call.state().outcome()).contains(Outcome.MESSAGE);
  }

  @Test
  void anInvalidKeyIsApologisedForAndTheMenuAskedAgainUntilRetriesRunOut() {
    Call call = english().press("9");
    assertThat(call.saidTexts().get(0)).isEqualTo("Sorry, that is not a valid choice.");
    assertThat(call.actions(Action.Gather.class)).hasSize(1);
    assertThat(call.state().counters()).containsEntry("main-menu.tries", 1);

    call.press("0");
    assertThat(call.state().node()).isEqualTo("main-menu");

    call.press("#");
    assertThat(call.state().node()).isEqualTo("goodbye");
    assertThat(call.state().outcome()).contains(Outcome.MESSAGE);
  }

  @Test
  void noInputRetriesThenGoesToTheNoInputTarget() {
    Call call = english().silence();
    assertThat(call.saidTexts().get(0)).isEqualTo("Sorry, I did not hear a choice.");
    call.silence();
    assertThat(call.state().node()).isEqualTo("main-menu");

    call.silence();
    assertThat(call.state().node()).isEqualTo("clerk-ring");
    assertThat(call.dialed()).contains("client:maria-gonzalez");
  }

  @Test
  void aSpokenKeywordPicksTheOptionInTheCallersLanguageOnly() {
    Call spanish = spanish().say("Quiero pagar mis IMPUESTOS");
    assertThat(spanish.state().node()).isEqualTo("treasurer-queue");
    assertThat(spanish.only(Action.Enqueue.class)).isEqualTo(new Action.Enqueue("treasurer"));

    Call englishWordsInSpanish = spanish().say("taxes");
    assertThat(englishWordsInSpanish.state().node()).isEqualTo("main-menu");
    assertThat(englishWordsInSpanish.saidTexts().get(0))
        .isEqualTo("Lo siento, esa no es una opción válida.");
  }

  @Test
  void smsTextsTheFormsLinkInTheCallersLanguageAndReturnsToTheMenu() {
    Call call = spanish().press("8");

    assertThat(call.only(Action.SendSms.class))
        .isEqualTo(
            new Action.SendSms(
                CALLER,
                "Formularios del Municipio de Lakeside: https://lakeside.example/es/formularios"));
    assertThat(call.saidTexts())
        .first()
        .isEqualTo("Le enviamos un mensaje de texto con un enlace a nuestros formularios.");
    assertThat(call.state().node()).isEqualTo("main-menu");
    assertThat(call.state().variables()).containsEntry("asked", "forms");
    assertThat(call.only(Action.Gather.class).language()).isEqualTo("es");
  }

  @Test
  void backInTheMenuAfterTheSmsTheRetriesStartAfresh() {
    Call call = english().press("9").press("9").press("8");
    assertThat(call.state().counters()).doesNotContainKey("main-menu.tries");

    call.press("9").press("9");
    assertThat(call.state().node()).isEqualTo("main-menu");
  }

  @Test
  void ringRingsOnlyAvailableStaffOnAppAndMobileTogether() {
    Call call = english().press("1");

    Action.Dial dial = call.only(Action.Dial.class);
    assertThat(call.dialed())
        .containsExactly("client:maria-gonzalez", "number:+12695550301"); // tom-becker is away
    assertThat(dial.timeoutSeconds()).isEqualTo(20);
    assertThat(dial.callerId()).isEqualTo(CALLER);
    assertThat(dial.targets()).extracting(DialTarget::staffId).containsOnly("maria-gonzalez");
  }

  @Test
  void answeredRingEndsTheFlowAsAnsweredByWhoPickedUp() {
    Call call = english().press("1").answeredBy("maria-gonzalez");

    assertThat(call.state().outcome()).contains(Outcome.ANSWERED);
    assertThat(call.state().answeredBy()).contains("maria-gonzalez");
    assertThat(call.actions()).containsExactly(new Action.Hangup());
  }

  @ParameterizedTest
  @EnumSource(
      value = DialStatus.class,
      names = {"NO_ANSWER", "BUSY", "FAILED"})
  void unansweredSimultaneousRingGoesToNoAnswer(DialStatus status) {
    Call call = english().press("1").send(DialEnded.notAnswered(status));

    assertThat(call.state().node()).isEqualTo("clerk-voicemail");
    assertThat(call.only(Action.Record.class).mailbox()).isEqualTo("department:clerk");
  }

  @Test
  void withNobodyAvailableTheRingGoesToNoAnswerAtOnce() {
    Lakeside nobody = town.withPresence("maria-gonzalez", Presence.BUSY);
    Call call = Call.start(nobody, CALLER, TUESDAY_MORNING).press("1").press("1");

    assertThat(call.actions(Action.Dial.class)).isEmpty();
    assertThat(call.state().path()).endsWith("clerk-ring", "clerk-voicemail");
    assertThat(call.actions(Action.Record.class)).hasSize(1);
  }

  @Test
  void aRingRemembersItsDepartmentEvenWithNobodyToRing() {
    Lakeside nobody = town.withPresence("maria-gonzalez", Presence.BUSY);
    Call call = Call.start(nobody, CALLER, TUESDAY_MORNING).press("1").press("1");

    assertThat(call.state().departmentsReached()).containsExactly("clerk");
    assertThat(english().state().departmentsReached()).isEmpty();
  }

  @Test
  void departmentsReachedAreKeptOnceEachInOrder() {
    Call call = english().press("1");
    assertThat(call.state().departmentsReached()).containsExactly("clerk");
    call.noAnswer();
    assertThat(call.state().departmentsReached()).containsExactly("clerk");
    assertThat(CallState.fromJson(call.state().toJson()).departmentsReached())
        .containsExactly("clerk");
  }

  @Test
  void sequentialRingTriesEachAvailableMemberInTurn() {
    Call call = english().press("3");
    assertThat(call.dialed()).containsExactly("client:rob-miller", "number:+12695550304");
    assertThat(call.only(Action.Dial.class).timeoutSeconds()).isEqualTo(15);

    call.noAnswer();
    assertThat(call.dialed()).containsExactly("client:sofia-reyes", "number:+12695550305");

    call.send(DialEnded.notAnswered(DialStatus.BUSY));
    assertThat(call.state().node()).isEqualTo("building-voicemail");
  }

  @Test
  void sequentialRingAnsweredBySecondMember() {
    Call call = english().press("3").noAnswer().answeredBy("sofia-reyes");

    assertThat(call.state().outcome()).contains(Outcome.ANSWERED);
    assertThat(call.state().answeredBy()).contains("sofia-reyes");
  }

  @Test
  void ringingInTurnSkipsWhoeverBecameBusyMeanwhile() {
    Call call = english().press("4");
    assertThat(call.dialed()).containsExactly("client:carla-jensen", "number:+12695550307");

    // Jim takes another call while Carla's phone rings.
    call.in(town.withPresence("jim-oconnor", CallContext.Presence.BUSY).context()).noAnswer();

    assertThat(call.dialed()).containsExactly("client:ben-adeyemi", "number:+12695550308");
  }

  @Test
  void longestIdleRingStartsWithWhoWasIdleLongest() {
    // Public works (a subflow): carla idle since 08:40, jim since 09:00, ben since 09:30.
    Call call = english().press("4");
    assertThat(call.dialed()).containsExactly("client:carla-jensen", "number:+12695550307");

    call.noAnswer();
    assertThat(call.dialed()).containsExactly("client:jim-oconnor", "number:+12695550306");
    call.noAnswer();
    assertThat(call.dialed()).containsExactly("client:ben-adeyemi", "number:+12695550308");
    call.noAnswer();
    assertThat(call.state().node()).isEqualTo("public-works-voicemail");
  }

  @Test
  void ringUsesOnlyTheDevicesTheNodeNamesAndSkipsStaffWithoutThem() {
    // Parks coordinator rings the app only; ben has no app, sofia is in the office.
    Lakeside parks =
        town.withStaff(
            new CallContext.StaffView(
                "ben-adeyemi",
                "Ben Adeyemi",
                List.of("public-works"),
                false,
                Optional.of("+12695550308"),
                Presence.AVAILABLE,
                TUESDAY_MORNING.minusSeconds(7200)));
    Call call = Call.start(parks.context(), "parks", "+13135550100", TUESDAY_MORNING).press("2");

    assertThat(call.dialed()).containsExactly("client:sofia-reyes");
    call.noAnswer();
    assertThat(call.state().node()).isEqualTo("parks-voicemail");
    assertThat(call.only(Action.Record.class).mailbox()).isEqualTo("staff:sofia-reyes");
  }

  @Test
  void subflowContinuesInThePublishedVersionOfTheOtherFlow() {
    FlowVersions versions =
        new FlowVersions(
            java.util.Map.of(
                "main", java.util.Map.of(1, Lakeside.MAIN),
                "public-works",
                    java.util.Map.of(6, Lakeside.PUBLIC_WORKS, 7, Lakeside.PUBLIC_WORKS)),
            java.util.Map.of("main", 1, "public-works", 7));
    Call call = Call.start(town.withFlows(versions), CALLER, TUESDAY_MORNING).press("1").press("4");

    assertThat(call.state().flowId()).isEqualTo("public-works");
    assertThat(call.state().flowVersion()).isEqualTo(7);
    assertThat(call.state().path())
        .endsWith("public-works", "public-works-hours", "public-works-ring");

    call.noAnswer();
    assertThat(call.state().node()).isEqualTo("public-works-ring");
  }

  @Test
  void afterHoursPublicWorksForwardsToTheOnCallNumber() {
    Call call =
        Call.start(town, CALLER, java.time.Instant.parse("2026-11-24T23:30:00Z")).press("1");
    // Closed: the main line says so and takes a message; public works is reached directly.
    assertThat(call.state().path()).endsWith("clerk-hours", "closed-message", "clerk-voicemail");

    Call publicWorks =
        Call.start(
                town.context(),
                "public-works",
                CALLER,
                java.time.Instant.parse("2026-11-24T23:30:00Z"))
            .press("1");
    assertThat(publicWorks.saidTexts()).containsExactly("Connecting you to the on-call crew.");
    Action.Dial dial = publicWorks.only(Action.Dial.class);
    assertThat(dial.targets()).containsExactly(DialTarget.number("+12695550911", null));
    assertThat(dial.timeoutSeconds()).isEqualTo(30);
    assertThat(dial.callerId()).isEqualTo(CALLER);

    publicWorks.answeredBy(null);
    assertThat(publicWorks.state().outcome()).contains(Outcome.FORWARDED);
  }

  @Test
  void unansweredForwardGoesToItsNoAnswerTarget() {
    Call call =
        Call.start(
                town.context(),
                "public-works",
                CALLER,
                java.time.Instant.parse("2026-11-24T23:30:00Z"))
            .say("there is water everywhere")
            .noAnswer();

    assertThat(call.state().node()).isEqualTo("public-works-voicemail");
  }

  @Test
  void treasurerQueueIsEnteredWithTheJoinTimeRecorded() {
    Call call = english().press("2");

    assertThat(call.actions()).containsExactly(new Action.Enqueue("treasurer"));
    assertThat(call.state().queuedAt()).contains(TUESDAY_MORNING);
  }

  @Test
  void hangingUpOutsideAQueueIsHungUp() {
    Call call = english().send(new CallEvent.Hangup());

    assertThat(call.state().outcome()).contains(Outcome.HUNG_UP);
    assertThat(call.actions()).containsExactly(new Action.Hangup());
  }

  @Test
  void hangingUpDuringTheVoicemailGreetingStillCountsAsVoicemail() {
    Call call = english().press("1").noAnswer().send(new CallEvent.Hangup());

    assertThat(call.state().outcome()).contains(Outcome.VOICEMAIL);
  }

  @Test
  void eventsAfterTheEndChangeNothing() {
    Call call = english().press("1").answeredBy("maria-gonzalez");
    CallState ended = call.state();

    for (CallEvent event :
        List.of(
            new CallEvent.Digits("1"),
            new CallEvent.NoInput(),
            new CallEvent.Hangup(),
            DialEnded.notAnswered(DialStatus.NO_ANSWER),
            new CallEvent.RecordingDone("RE9", 3))) {
      call.after(5, event);
      assertThat(call.state()).isEqualTo(ended);
      assertThat(call.actions()).isEmpty();
    }
  }

  @Test
  void unexpectedEventsWhileWaitingChangeNothing() {
    Call call = english().press("1");
    CallState ringing = call.state();

    call.press("5").send(new CallEvent.RecordingDone("RE1", 3));

    assertThat(call.state()).isEqualTo(ringing);
    assertThat(call.actions()).isEmpty();
  }
}
