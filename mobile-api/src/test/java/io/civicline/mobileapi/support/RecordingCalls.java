package io.civicline.mobileapi.support;

import io.civicline.mobileapi.calls.OutboundCalls;
import io.civicline.mobileapi.calls.VoiceTokens;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The voice channel as the staff routes see it, for route tests: remembers the calls asked for and
 * can be told to refuse the next one or to have no channel; issues recognisable voice tokens when
 * in-app voice is "configured". The real channels' adapters are tested in signaling and ops.
 */
public final class RecordingCalls implements OutboundCalls, VoiceTokens {
  private final List<OutboundCall> placed = new CopyOnWriteArrayList<>();
  private volatile RuntimeException nextRefusal;
  private volatile String barredPrefix;
  private volatile boolean voiceConfigured = true;

  @Override
  public Future<Void> allowed(OutboundCall call) {
    String barred = barredPrefix;
    return barred != null && call.to().startsWith(barred)
        ? Future.failedFuture(new NotAllowed("calls to " + barred + " numbers are not allowed"))
        : Future.succeededFuture();
  }

  @Override
  public Future<PlacedCall> place(OutboundCall call) {
    RuntimeException refusal = nextRefusal;
    nextRefusal = null;
    if (refusal != null) {
      return Future.failedFuture(refusal);
    }
    placed.add(call);
    return Future.succeededFuture(new PlacedCall("call-" + placed.size(), "test", "+12075550100"));
  }

  @Override
  public Optional<VoiceToken> issue(String tenant, String staffId) {
    return voiceConfigured
        ? Optional.of(
            new VoiceToken(
                "voice-token-for-" + tenant + "-" + staffId,
                staffId,
                Instant.parse("2026-03-02T10:00:00Z")))
        : Optional.empty();
  }

  public List<OutboundCall> placed() {
    return List.copyOf(placed);
  }

  /** The town's dialing policy refuses numbers starting {@code prefix}. */
  public void bar(String prefix) {
    barredPrefix = prefix;
  }

  public void refuseNext(RuntimeException refusal) {
    nextRefusal = refusal;
  }

  public void voiceConfigured(boolean configured) {
    voiceConfigured = configured;
  }
}
