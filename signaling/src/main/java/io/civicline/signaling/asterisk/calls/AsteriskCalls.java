package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Step;
import io.civicline.signaling.asterisk.agi.AgiRequest;
import io.civicline.signaling.asterisk.agi.AgiSession;
import io.civicline.signaling.asterisk.agi.AgiSessionHandler;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.mailbox.PhoneMailboxes;
import io.civicline.signaling.store.NumberDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls handed over by the dialplan ({@code AGI(agi://node/flow?tenant=..&number=..)}): the called
 * number selects the town's flow, exactly as on Twilio, and {@link AgiCall} runs it. The first
 * command marks the channel ({@code CIVICLINE_SESSION}) so the dialplan knows this node took the
 * call and must not replay it on another node.
 */
public final class AsteriskCalls implements AgiSessionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AsteriskCalls.class);
  static final String FLOW_SCRIPT = "flow";
  static final String CALLBACK_SCRIPT = "callback";
  static final String EXTENSION_SCRIPT = "extension";

  /** What every call needs; built once by the composition root. */
  record Services(
      NumberDirectory numbers,
      CallContextLoader contexts,
      AgiActions actions,
      AgiStepCommitter committer,
      AgiQueues queues,
      PhoneMailboxes mailboxes,
      AsteriskSettings settings,
      io.civicline.core.ports.MessageAudio audio,
      Clock clock) {

    /** Where this call's voicemail-by-phone messages are copied for playing. */
    AgiMessageAudio messageAudio(String tenant, String callId) {
      return new AgiMessageAudio(settings, audio, tenant, callId);
    }
  }

  private final Services services;
  private final TextToSpeech tts;
  private final CallbackGreeting callbacks;
  private final ColleagueVoicemail colleagues;

  public AsteriskCalls(
      AsteriskSettings settings,
      NumberDirectory numbers,
      CallContextLoader contexts,
      io.civicline.signaling.store.CallSessions sessions,
      io.civicline.signaling.store.CallRecords records,
      io.vertx.redis.client.Redis redis,
      io.civicline.core.ports.RecordingSink recordings,
      io.civicline.core.ports.GreetingAudio greetings,
      io.civicline.core.ports.MailboxAccess mailboxAccess,
      io.civicline.core.ports.MessageAudio messageAudio,
      TextSender texts,
      io.civicline.core.events.StaffEvents staffEvents,
      Clock clock) {
    this.tts = new TextToSpeech(settings);
    AgiQueues queues = new AgiQueues(redis, settings, clock);
    AgiPrompts prompts = new AgiPrompts(settings, tts, greetings);
    AgiVoicemail voicemail = new AgiVoicemail(settings, recordings, clock);
    this.services =
        new Services(
            numbers,
            contexts,
            new AgiActions(prompts, voicemail, queues),
            new AgiStepCommitter(
                sessions,
                records,
                texts,
                new io.civicline.signaling.store.CallAlerts(staffEvents),
                clock),
            queues,
            new PhoneMailboxes(mailboxAccess, clock),
            settings,
            messageAudio,
            clock);
    this.callbacks = new CallbackGreeting(services, prompts, clock);
    this.colleagues = new ColleagueVoicemail(services, prompts, voicemail, clock);
  }

  /** Why prompts cannot be spoken (text-to-speech missing), if so; checked at start-up. */
  public Optional<String> problem() {
    return tts.problem();
  }

  @Override
  public void handle(AgiSession session) throws IOException {
    AgiRequest request = session.request();
    AgiLine line = new AgiLine(session);
    String callId = callId(request);
    line.setVariable("CIVICLINE_SESSION", callId);
    if (CALLBACK_SCRIPT.equals(request.script()) && request.tenant().isPresent()) {
      callbacks.run(line, request.tenant().get());
      return;
    }
    if (EXTENSION_SCRIPT.equals(request.script()) && request.tenant().isPresent()) {
      colleagues.run(line, request, request.tenant().get(), callId);
      return;
    }
    if (!FLOW_SCRIPT.equals(request.script())) {
      // Feature codes (*98) arrive on their own script (not served yet): returning without a
      // result makes the dialplan play its apology.
      LOG.atWarn()
          .addKeyValue("script", request.script())
          .addKeyValue("call", callId)
          .log("AGI script not served by this node");
      return;
    }
    String number = request.number().orElse("");
    Optional<NumberDirectory.Answering> answering =
        Blocking.await(services.numbers().lookup(number));
    String tenant = request.tenant().orElse("");
    if (answering.isEmpty()
        || !answering.get().tenant().equals(tenant)
        || answering.get().flowId().isEmpty()) {
      LOG.atWarn()
          .addKeyValue("tenant", tenant)
          .addKeyValue("number", number)
          .log("Asterisk call to a number without a flow of that town");
      notInService(line);
      return;
    }
    start(line, tenant, answering.get().flowId().get(), request, callId, number);
  }

  private void start(
      AgiLine line, String tenant, String flowId, AgiRequest request, String callId, String number)
      throws IOException {
    Instant now = services.clock().instant();
    Optional<CallContext> context =
        Blocking.await(services.contexts().load(tenant, now, Optional.empty()));
    if (context.isEmpty() || context.get().flows().published(flowId).isEmpty()) {
      notInService(line);
      return;
    }
    String caller = request.get("callerid").filter(c -> !c.equals("unknown")).orElse("");
    Step first = FlowEngine.start(context.get(), flowId, caller, number, now);
    new AgiCall(services, line, tenant, callId, number).run(first, context.get());
  }

  private static void notInService(AgiLine line) throws IOException {
    line.answer();
    line.play("ss-noservice", "");
    line.hangup();
  }

  /** Asterisk's unique id names the call; with {@code systemname} set it is unique per server. */
  static String callId(AgiRequest request) {
    String unique = request.uniqueId().replaceAll("[^A-Za-z0-9._-]", "_");
    return "ast-" + (unique.isEmpty() ? java.util.UUID.randomUUID().toString() : unique);
  }
}
