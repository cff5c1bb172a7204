package io.civicline.signaling.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.Phrases;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.store.CallbackQueue;
import io.vertx.core.Future;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls residents back, longest-waiting first: places the call through Twilio's REST API from the
 * number they called, and when they answer greets them in their language and rings the department's
 * available staff. A callback that cannot be placed goes back to its place.
 */
public final class CallbackCalls implements io.civicline.signaling.store.CallbackDialer {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackCalls.class);

  private final CallbackQueue queue;
  private final TwilioRest rest;
  private final CallContextLoader contexts;
  private final Clock clock;
  private final String publicBase;

  public CallbackCalls(
      CallbackQueue queue,
      TwilioRest rest,
      CallContextLoader contexts,
      Clock clock,
      String publicBase) {
    this.queue = queue;
    this.rest = rest;
    this.contexts = contexts;
    this.clock = clock;
    this.publicBase = publicBase;
  }

  /** Places the next callback of {@code department}'s queue; answers the number called, if any. */
  @Override
  public Future<Optional<CallbackQueue.Request>> dispatchNext(String tenant, String department) {
    return queue
        .takeNext(tenant, department)
        .compose(
            next -> {
              if (next.isEmpty()) {
                return Future.succeededFuture(Optional.<CallbackQueue.Request>empty());
              }
              CallbackQueue.Request request = next.get();
              String url =
                  publicBase
                      + CallUrls.PREFIX
                      + "/"
                      + tenant
                      + "/callbacks/"
                      + department
                      + "?language="
                      + URLEncoder.encode(request.language(), StandardCharsets.UTF_8);
              return rest.placeCall(
                      request.from(),
                      request.number(),
                      url,
                      publicBase + CallUrls.PREFIX + "/status")
                  .map(sid -> Optional.of(request))
                  .recover(
                      failure -> {
                        LOG.atWarn()
                            .addKeyValue("tenant", tenant)
                            .setCause(failure)
                            .log("could not place a callback");
                        return queue
                            .putBack(tenant, department, request)
                            .compose(v -> Future.failedFuture(failure));
                      });
            });
  }

  /** The resident answered: greet them and ring the department's available staff. */
  Future<String> answered(String tenant, String department, Map<String, String> params) {
    String language = Optional.ofNullable(params.get("language")).orElse("en");
    return contexts
        .load(tenant, clock.instant(), Optional.empty())
        .map(
            context -> {
              VoiceResponse.Builder response = new VoiceResponse.Builder();
              String town = context.map(CallContext::townName).orElse(tenant);
              response.say(TwimlRenderer.say(Phrases.CALLBACK_GREETING.in(language, town)));
              List<CallContext.StaffView> staff =
                  context.map(c -> available(c, department)).orElse(List.of());
              Dial.Builder dial =
                  new Dial.Builder()
                      .action(
                          publicBase
                              + CallUrls.PREFIX
                              + "/"
                              + tenant
                              + "/callbacks/"
                              + department
                              + "/done")
                      .timeout(30);
              for (CallContext.StaffView member : staff) {
                dial.client(new Client.Builder(member.id()).build());
                member
                    .mobile()
                    .ifPresent(mobile -> dial.number(new Number.Builder(mobile).build()));
              }
              if (!staff.isEmpty()) {
                response.dial(dial.build());
              }
              return response.hangup(new Hangup.Builder().build()).build().toXml();
            });
  }

  private static List<CallContext.StaffView> available(CallContext context, String department) {
    return context.staff().values().stream()
        .filter(s -> s.departments().contains(department))
        .filter(s -> s.presence() == CallContext.Presence.AVAILABLE)
        .sorted(Comparator.comparing(CallContext.StaffView::idleSince))
        .toList();
  }

  static String goodbye() {
    return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
  }
}
