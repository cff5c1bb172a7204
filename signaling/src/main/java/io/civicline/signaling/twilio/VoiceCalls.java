package io.civicline.signaling.twilio;

import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.FlowEngine;
import io.civicline.routing.engine.Step;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.mailbox.PhoneMailboxes;
import io.civicline.signaling.store.CallFacts;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.NumberDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Calls on the Twilio channel: a new call to a town's number starts its flow; each later webhook
 * becomes one engine event. Any node can serve any webhook: the call's state is in Redis.
 */
public final class VoiceCalls {
  static final String NOT_IN_SERVICE =
      "Sorry, the number you have called is not in service. Goodbye.";
  static final String CANNOT_CONTINUE =
      "Sorry, we could not continue this call. Please call again. Goodbye.";
  private static final int RACE_RETRIES = 3;

  private final NumberDirectory numbers;
  private final CallContextLoader contexts;
  private final CallSessions sessions;
  private final StepCommitter committer;
  private final PhoneMailboxes mailboxes;
  private final PhoneMailboxes.AudioLocator messageAudio;
  private final TwilioRest rest;
  private final Clock clock;
  private final String publicBase;

  public VoiceCalls(
      NumberDirectory numbers,
      CallContextLoader contexts,
      CallSessions sessions,
      StepCommitter committer,
      PhoneMailboxes mailboxes,
      PhoneMailboxes.AudioLocator messageAudio,
      TwilioRest rest,
      Clock clock,
      String publicBase) {
    this.numbers = numbers;
    this.contexts = contexts;
    this.sessions = sessions;
    this.committer = committer;
    this.mailboxes = mailboxes;
    this.messageAudio = messageAudio;
    this.rest = rest;
    this.clock = clock;
    this.publicBase = publicBase;
  }

  /** A new inbound call: TwiML for its first step. */
  public Future<String> incoming(Map<String, String> params) {
    String callSid = params.getOrDefault("CallSid", "");
    String to = params.getOrDefault("To", "");
    String from = params.getOrDefault("From", "");
    return numbers
        .lookup(to)
        .compose(
            number -> {
              if (number.isEmpty() || number.get().flowId().isEmpty()) {
                return Future.succeededFuture(TwimlRenderer.apology(NOT_IN_SERVICE));
              }
              String tenant = number.get().tenant();
              CallUrls urls = new CallUrls(publicBase, tenant, callSid);
              return sessions
                  .reply(tenant, callSid, "start")
                  .compose(
                      cached ->
                          cached.isPresent()
                              ? Future.succeededFuture(cached.get())
                              : start(urls, number.get().flowId().get(), from, to));
            });
  }

  private Future<String> start(CallUrls urls, String flowId, String from, String to) {
    Instant now = clock.instant();
    return contexts
        .load(urls.tenant(), now, Optional.empty())
        .compose(
            context -> {
              if (context.isEmpty() || context.get().flows().published(flowId).isEmpty()) {
                return Future.succeededFuture(TwimlRenderer.apology(NOT_IN_SERVICE));
              }
              Step step = FlowEngine.start(context.get(), flowId, from, to, now);
              JsonObject meta = CallFacts.begin("twilio", to);
              return committer
                  .commit(urls.tenant(), urls, -1, step, meta, "start", false)
                  .compose(
                      reply ->
                          reply
                              .map(Future::succeededFuture)
                              .orElseGet(() -> cachedOrApology(urls, "start")));
            });
  }

  /** A webhook of a call in progress. */
  public Future<String> event(
      String tenant, String callSid, String kind, Map<String, String> params, String replyKey) {
    CallUrls urls = new CallUrls(publicBase, tenant, callSid);
    return attempt(urls, kind, params, replyKey, RACE_RETRIES);
  }

  private Future<String> attempt(
      CallUrls urls, String kind, Map<String, String> params, String replyKey, int retries) {
    return sessions
        .reply(urls.tenant(), urls.callSid(), replyKey)
        .compose(
            cached -> {
              if (cached.isPresent()) {
                return Future.succeededFuture(cached.get());
              }
              return sessions
                  .load(urls.tenant(), urls.callSid())
                  .compose(
                      session ->
                          session.isEmpty()
                              ? Future.succeededFuture(TwimlRenderer.apology(CANNOT_CONTINUE))
                              : advance(urls, session.get(), kind, params, replyKey, retries));
            });
  }

  private Future<String> advance(
      CallUrls urls,
      CallSessions.Session session,
      String kind,
      Map<String, String> params,
      String replyKey,
      int retries) {
    Instant now = clock.instant();
    CallContextLoader.Pinned pinned =
        new CallContextLoader.Pinned(session.state().flowId(), session.state().flowVersion());
    return answeredBy(kind, params, session.meta())
        .compose(
            by -> {
              CallEvent event = TwilioEvents.map(kind, params, by);
              return contexts
                  .load(urls.tenant(), now, Optional.of(pinned))
                  .compose(
                      context -> {
                        if (context.isEmpty()) {
                          return Future.succeededFuture(
                              Optional.of(TwimlRenderer.apology(CANNOT_CONTINUE)));
                        }
                        Step step = FlowEngine.step(context.get(), session.state(), event, now);
                        return mailboxes
                            .resolve(urls.tenant(), context.get(), step, messageAudio)
                            .compose(
                                resolved ->
                                    committer
                                        .commit(
                                            urls.tenant(),
                                            urls,
                                            session.seq(),
                                            resolved,
                                            session.meta(),
                                            replyKey,
                                            TwilioEvents.waiting(kind))
                                        .compose(
                                            reply ->
                                                reply.isEmpty()
                                                    ? Future.succeededFuture(reply)
                                                    : mailboxes
                                                        .apply(
                                                            urls.tenant(),
                                                            resolved.state(),
                                                            resolved.actions())
                                                        .map(reply)));
                      });
            })
        .compose(
            reply -> {
              if (reply.isPresent()) {
                return Future.succeededFuture(reply.get());
              }
              // Another node advanced this call meanwhile: look again.
              return retries > 0
                  ? attempt(urls, kind, params, replyKey, retries - 1)
                  : cachedOrApology(urls, replyKey);
            });
  }

  /** Twilio's final status callback: the caller hung up, or the call ended otherwise. */
  public Future<Void> status(Map<String, String> params) {
    String callSid = params.getOrDefault("CallSid", "");
    String direction = params.getOrDefault("Direction", "inbound");
    String ourNumber =
        direction.startsWith("outbound")
            ? params.getOrDefault("From", "")
            : params.getOrDefault("To", "");
    return numbers
        .lookup(ourNumber)
        .compose(
            number ->
                number.isEmpty()
                    ? Future.succeededFuture()
                    : ended(number.get().tenant(), callSid));
  }

  private Future<Void> ended(String tenant, String callSid) {
    Instant now = clock.instant();
    return sessions
        .load(tenant, callSid)
        .compose(
            session -> {
              if (session.isEmpty()) {
                return Future.succeededFuture();
              }
              CallSessions.Session s = session.get();
              if (s.state().ended()) {
                // The flow ended it earlier; record the real end time.
                return committer.writeRecord(tenant, callSid, s.state(), s.meta(), now);
              }
              CallUrls urls = new CallUrls(publicBase, tenant, callSid);
              CallContextLoader.Pinned pinned =
                  new CallContextLoader.Pinned(s.state().flowId(), s.state().flowVersion());
              return contexts
                  .load(tenant, now, Optional.of(pinned))
                  .compose(
                      context -> {
                        Step step =
                            FlowEngine.step(
                                context.orElseThrow(), s.state(), new CallEvent.Hangup(), now);
                        return committer
                            .commit(tenant, urls, s.seq(), step, s.meta(), "status", false)
                            .mapEmpty();
                      });
            });
  }

  /** Who called and in which language, for a recording made on the call. */
  public record RecordingContext(String caller, String language) {}

  Future<RecordingContext> recordingContext(String tenant, String callSid) {
    return sessions
        .load(tenant, callSid)
        .map(
            session ->
                session
                    .map(s -> new RecordingContext(s.state().caller(), s.state().language()))
                    .orElse(new RecordingContext("", "")));
  }

  /** Which staff member answered a dial: the only one rung, or the one the answered leg went to. */
  private Future<Optional<String>> answeredBy(
      String kind, Map<String, String> params, JsonObject meta) {
    if (!kind.equals("dial") || !TwilioEvents.answered(params)) {
      return Future.succeededFuture(Optional.empty());
    }
    JsonArray targets = meta.getJsonArray("dialTargets", new JsonArray());
    java.util.Set<String> staff = new java.util.HashSet<>();
    targets.forEach(t -> staff.add(((JsonObject) t).getString("staffId")));
    if (staff.size() == 1) {
      return Future.succeededFuture(Optional.ofNullable(staff.iterator().next()));
    }
    String leg = params.get("DialCallSid");
    if (leg == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return rest.calledParty(leg).map(to -> to.flatMap(address -> staffFor(address, targets)));
  }

  private static Optional<String> staffFor(String address, JsonArray targets) {
    String bare = address.startsWith("client:") ? address.substring(7) : address;
    return targets.stream()
        .map(JsonObject.class::cast)
        .filter(t -> bare.equals(t.getString("address")))
        .map(t -> t.getString("staffId"))
        .findFirst();
  }

  private Future<String> cachedOrApology(CallUrls urls, String replyKey) {
    return sessions
        .reply(urls.tenant(), urls.callSid(), replyKey)
        .map(cached -> cached.orElse(TwimlRenderer.apology(CANNOT_CONTINUE)));
  }
}
