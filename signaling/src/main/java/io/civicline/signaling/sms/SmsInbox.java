package io.civicline.signaling.sms;

import io.civicline.routing.engine.CallContext;
import io.civicline.routing.sms.SmsCommand;
import io.civicline.routing.sms.SmsPhrases;
import io.civicline.routing.sms.SmsRoute;
import io.civicline.routing.sms.SmsRouter;
import io.civicline.routing.sms.SmsRules;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.store.NumberDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in a resident's text: finds the town by the number texted, routes the text with the town's
 * rules, honours STOP/START/HELP, keeps any attachments, stores it in its thread together with the
 * answer it triggers, and only then tells the listener. A text already stored (Twilio retried the
 * webhook) changes nothing and is not announced again.
 */
public final class SmsInbox {
  private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);

  /** The thread department of texts to a town with neither rules nor a department on the number. */
  public static final String UNASSIGNED = "unassigned";

  private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
  static final int MAX_BODY = 1600;

  private final NumberDirectory numbers;
  private final CallContextLoader contexts;
  private final SmsRulesSource rules;
  private final SmsStore store;
  private final MediaIntake media;
  private final ThreadListener listener;
  private final SmsSettings settings;
  private final Clock clock;

  public SmsInbox(
      NumberDirectory numbers,
      CallContextLoader contexts,
      SmsRulesSource rules,
      SmsStore store,
      MediaIntake media,
      ThreadListener listener,
      SmsSettings settings,
      Clock clock) {
    this.numbers = numbers;
    this.contexts = contexts;
    this.rules = rules;
    this.store = store;
    this.media = media;
    this.listener = listener;
    this.settings = settings;
    this.clock = clock;
  }

  /** Handles one signed inbound-text webhook's parameters. */
  public Future<Void> receive(Map<String, String> params) {
    String sid = params.getOrDefault("MessageSid", params.getOrDefault("SmsSid", ""));
    String from = params.getOrDefault("From", "");
    String to = params.getOrDefault("To", "");
    String body = truncate(params.getOrDefault("Body", ""));
    if (!MESSAGE_SID.matcher(sid).matches() || !PHONE.matcher(from).matches()) {
      // Short codes, alphanumeric senders and malformed requests have no thread to land in.
      LOG.atWarn().addKeyValue("sid", sid).log("ignored a text without a sid or phone sender");
      return Future.succeededFuture();
    }
    return numbers
        .lookup(to)
        .compose(
            answering -> {
              if (answering.isEmpty()) {
                LOG.atWarn().addKeyValue("to", to).log("a text to a number no town owns");
                return Future.succeededFuture();
              }
              String tenant = answering.get().tenant();
              return store
                  .exists(tenant, sid)
                  .compose(
                      known ->
                          known
                              ? Future.succeededFuture()
                              : receive(
                                  tenant, answering.get().numberId(), sid, from, to, body, params));
            });
  }

  private Future<Void> receive(
      String tenant,
      String numberId,
      String sid,
      String resident,
      String townNumber,
      String body,
      Map<String, String> params) {
    Instant now = clock.instant();
    Future<Optional<SmsRules>> townRules = rules.rules(tenant);
    Future<Optional<String>> numberDepartment = rules.numberDepartment(tenant, numberId);
    Future<Optional<CallContext>> context = contexts.load(tenant, now, Optional.empty());
    Future<Optional<String>> language = store.language(tenant, resident);
    Future<Optional<SmsStore.Conversation>> talking =
        store.conversation(tenant, townNumber, resident);
    Future<JsonArray> attachments = media.keep(tenant, sid, params);
    return Future.all(List.of(townRules, numberDepartment, context, language, talking, attachments))
        .compose(
            done -> {
              SmsRules rules = townRules.result().orElse(SmsRules.everythingTo(UNASSIGNED));
              CallContext town = context.result().orElseGet(() -> emptyTown(tenant));
              Optional<String> conversation =
                  talking
                      .result()
                      .filter(c -> c.at().plus(settings.conversationWindow()).isAfter(now))
                      .map(SmsStore.Conversation::department);
              SmsRoute route =
                  SmsRouter.route(
                      rules,
                      body,
                      new SmsRouter.Resident(language.result(), conversation),
                      numberDepartment.result(),
                      town,
                      now);
              Optional<SmsCommand> command = SmsCommand.parse(body);
              Optional<SmsStore.Outbound> reply = reply(rules, town, route, command);
              SmsStore.Inbound inbound =
                  new SmsStore.Inbound(
                      tenant,
                      sid,
                      route.department(),
                      resident,
                      townNumber,
                      route.language(),
                      body,
                      command.map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).orElse(""),
                      attachments.result(),
                      reply,
                      settings.autoReplyGap().toMillis(),
                      now);
              return store
                  .inbound(inbound)
                  .compose(
                      result ->
                          result == SmsStore.InboundResult.DUPLICATE
                              ? Future.succeededFuture()
                              : announce(tenant, route.department(), resident, sid));
            });
  }

  /** HELP and START are answered; STOP is not (the carrier confirms it); other texts may be. */
  private static Optional<SmsStore.Outbound> reply(
      SmsRules rules, CallContext town, SmsRoute route, Optional<SmsCommand> command) {
    String language = route.language();
    if (command.isPresent()) {
      return switch (command.get()) {
        case HELP ->
            Optional.of(
                outbound("help", SmsRouter.helpText(rules, language, town.defaultLanguage())));
        case START -> Optional.of(outbound("start", SmsPhrases.STARTED.in(language)));
        case STOP -> Optional.empty();
      };
    }
    return route.autoReply().map(text -> outbound("auto-reply", text));
  }

  private static SmsStore.Outbound outbound(String kind, String body) {
    return new SmsStore.Outbound(newId(), kind, "system", body);
  }

  static String newId() {
    return "out-" + UUID.randomUUID();
  }

  private Future<Void> announce(String tenant, String department, String resident, String sid) {
    String threadId = io.civicline.signaling.sms.SmsThread.id(department, resident);
    Future<Optional<SmsThread>> thread = store.thread(tenant, threadId);
    Future<Optional<SmsMessage>> message = store.message(tenant, sid);
    return Future.all(thread, message)
        .map(
            done -> {
              if (thread.result().isPresent() && message.result().isPresent()) {
                try {
                  listener.onInbound(
                      tenant, department, thread.result().get(), message.result().get());
                } catch (RuntimeException e) {
                  // The text is stored; a failing listener must not make Twilio send it again.
                  LOG.atError().setCause(e).log("thread listener failed");
                }
              }
              return null;
            });
  }

  /** A town whose documents are missing: routes by the rules alone, never "closed". */
  private static CallContext emptyTown(String tenant) {
    return new CallContext(
        tenant,
        tenant,
        ZoneOffset.UTC,
        "en",
        List.of("en"),
        Map.of(),
        List.of(),
        Map.of(),
        CallContext.FlowCatalog.of(Map.of()));
  }

  private static String truncate(String body) {
    return body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
  }
}
