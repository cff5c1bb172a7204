package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Phrases;
import io.civicline.signaling.asterisk.agi.AgiRequest;
import io.civicline.signaling.asterisk.agi.ChannelHungUpException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A colleague's desk phone was not answered ({@code extension?tenant=..&extension=102}): the caller
 * hears that staff member's own greeting (uploaded, else its text, else a standard one in the
 * town's language) and leaves a message in their mailbox through the same ingest as every
 * voicemail.
 */
final class ColleagueVoicemail {
  static final int DEFAULT_MAX_SECONDS = 180;

  private final AsteriskCalls.Services services;
  private final AgiPrompts prompts;
  private final AgiVoicemail voicemail;
  private final Clock clock;

  ColleagueVoicemail(
      AsteriskCalls.Services services, AgiPrompts prompts, AgiVoicemail voicemail, Clock clock) {
    this.services = services;
    this.prompts = prompts;
    this.voicemail = voicemail;
    this.clock = clock;
  }

  void run(AgiLine line, AgiRequest request, String tenant, String callId) throws IOException {
    String extension = request.query().getOrDefault("extension", "");
    Optional<CallContext> context =
        Blocking.await(services.contexts().load(tenant, clock.instant(), Optional.empty()));
    Optional<String> staffId =
        Blocking.await(services.contexts().extensions(tenant)).entrySet().stream()
            .filter(e -> e.getValue().equals(extension))
            .map(Map.Entry::getKey)
            .findFirst();
    if (context.isEmpty() || staffId.isEmpty()) {
      return; // the dialplan says the number is not in service
    }
    try {
      takeMessage(line, request, context.get(), staffId.get(), callId);
    } catch (ChannelHungUpException hungUp) {
      // A message left before the hang-up is already stored.
    }
  }

  private void takeMessage(
      AgiLine line, AgiRequest request, CallContext context, String staffId, String callId)
      throws IOException {
    String mailbox = "staff:" + staffId;
    String language = context.defaultLanguage();
    Optional<CallContext.MailboxSettings> settings =
        Optional.ofNullable(context.mailboxes().get(mailbox));
    line.answer();
    play(line, context.tenant(), greeting(context, staffId, mailbox, language, settings));
    int maxSeconds =
        settings
            .flatMap(CallContext.MailboxSettings::maxMessageSeconds)
            .orElse(DEFAULT_MAX_SECONDS);
    String caller = request.get("callerid").filter(c -> !c.equals("unknown")).orElse("");
    CallEvent recorded =
        voicemail.record(
            line,
            context.tenant(),
            callId,
            caller,
            language,
            new Action.Record(mailbox, maxSeconds),
            1);
    if (recorded instanceof CallEvent.RecordingDone done && done.seconds() > 0) {
      play(line, context.tenant(), Phrases.VOICEMAIL_SAVED.in(language));
    }
    line.hangup();
  }

  private static Action greeting(
      CallContext context,
      String staffId,
      String mailbox,
      String language,
      Optional<CallContext.MailboxSettings> settings) {
    Optional<String> recording = settings.map(s -> s.greetingRecordings().get(language));
    if (recording.isPresent()) {
      return new Action.PlayGreeting(mailbox, language, recording.get());
    }
    Optional<String> text = settings.map(s -> s.greetingTexts().get(language));
    if (text.isPresent()) {
      return new Action.Say(text.get(), language);
    }
    CallContext.StaffView staff = context.staff().get(staffId);
    return Phrases.COLLEAGUE_UNAVAILABLE.in(language, staff == null ? staffId : staff.name());
  }

  private void play(AgiLine line, String tenant, Action prompt) throws IOException {
    Optional<String> sound = prompts.sound(tenant, prompt);
    if (sound.isPresent()) {
      line.play(sound.get(), "");
    }
  }
}
