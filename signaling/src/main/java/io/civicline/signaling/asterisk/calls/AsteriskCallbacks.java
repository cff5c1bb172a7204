package io.civicline.signaling.asterisk.calls;

import io.civicline.signaling.asterisk.ami.Originate;
import io.civicline.signaling.asterisk.ami.OriginateResult;
import io.civicline.signaling.store.CallbackDialer;
import io.civicline.signaling.store.CallbackQueue;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue callbacks on Asterisk: an AMI Originate rings the resident through the town's trunk ({@code
 * Local/<number>@civicline-outbound}); once they answer, the dialplan's {@code
 * civicline-originate,callback} hands the call back over FastAGI ({@link CallbackGreeting}). The
 * outcome arrives after the ringing, so the request returns once the call is placed; a callback
 * that is not answered goes back to its place.
 */
public final class AsteriskCallbacks implements CallbackDialer {
  private static final Logger LOG = LoggerFactory.getLogger(AsteriskCallbacks.class);
  static final String CONTEXT = "civicline-originate";
  static final String EXTEN = "callback";
  static final Duration RING = Duration.ofSeconds(30);

  /** Places calls on one Asterisk: its AMI client's originate. */
  @FunctionalInterface
  public interface Originator {
    Future<OriginateResult> originate(Originate request);
  }

  private final CallbackQueue queue;
  private final Originator originator;
  private final BooleanSupplier connected;

  public AsteriskCallbacks(CallbackQueue queue, Originator originator, BooleanSupplier connected) {
    this.queue = queue;
    this.originator = originator;
    this.connected = connected;
  }

  @Override
  public Future<Optional<CallbackQueue.Request>> dispatchNext(String tenant, String department) {
    if (!connected.getAsBoolean()) {
      return Future.failedFuture(
          new IllegalStateException("the town's Asterisk is not connected; try again shortly"));
    }
    return queue
        .takeNext(tenant, department)
        .map(
            next -> {
              next.ifPresent(request -> place(tenant, department, request));
              return next;
            });
  }

  private void place(String tenant, String department, CallbackQueue.Request request) {
    originator
        .originate(originate(tenant, department, request))
        .onComplete(
            done -> {
              if (done.succeeded() && done.result().success()) {
                return;
              }
              LOG.atInfo()
                  .addKeyValue("tenant", tenant)
                  .addKeyValue("queue", department)
                  .addKeyValue(
                      "outcome",
                      done.succeeded() ? done.result().reasonText() : done.cause().getMessage())
                  .log("callback not answered; back in its place");
              queue.putBack(tenant, department, request);
            });
  }

  /** What the dialplan expects (deploy/asterisk/extensions.conf, civicline-originate). */
  static Originate originate(String tenant, String department, CallbackQueue.Request request) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("__CIVICLINE_TENANT", tenant);
    variables.put("__CIVICLINE_CALLBACK_ID", request.id());
    variables.put("__CIVICLINE_CALLBACK_QUEUE", department);
    variables.put("__CIVICLINE_CALLBACK_LANGUAGE", request.language());
    variables.put("__CIVICLINE_CALLBACK_NUMBER", request.number());
    return new Originate(
        "Local/" + request.number() + "@" + AgiDialing.OUTBOUND_CONTEXT,
        CONTEXT,
        EXTEN,
        1,
        request.from(),
        RING,
        variables);
  }
}
