package io.civicline.signaling.asterisk.calls;

import io.civicline.core.presence.OnCallPresence;
import io.civicline.signaling.asterisk.ami.DeviceStates;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staff member whose desk phone is in a conversation is on a call, like one connected through the
 * app: colleagues see {@code onCall} and hear {@code presence.changed}. Fed by the AMI device
 * states of each staff member's extension ({@code PJSIP/<extension>}); a phone that only rings is
 * not on a call yet.
 */
public final class DeskPhoneCalls implements DeviceStates.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(DeskPhoneCalls.class);

  /** Asterisk's device states of a phone that is talking (or holding a caller). */
  static final Set<String> TALKING = Set.of("INUSE", "BUSY", "RINGINUSE", "ONHOLD");

  /** A resync reports every phone at once: they share one read of the town's extensions. */
  private static final long REUSE_NANOS = java.time.Duration.ofSeconds(5).toNanos();

  private record Read(Future<Map<String, String>> extensions, long at) {}

  private final OnCallPresence onCall;
  private final Function<String, Future<Map<String, String>>> extensions;
  private final Map<String, Read> recent = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param extensions each staff member's extension by staff id, per tenant
   */
  public DeskPhoneCalls(
      OnCallPresence onCall, Function<String, Future<Map<String, String>>> extensions) {
    this.onCall = onCall;
    this.extensions = extensions;
  }

  /** The mark's call id: one per phone, so only this phone's state clears it. */
  static String callId(String device) {
    return "desk:" + device;
  }

  @Override
  public void stored(String tenant, String device, String state) {
    extensionsOf(tenant)
        .map(byStaff -> owner(byStaff, device))
        .compose(
            staff -> {
              if (staff.isEmpty()) {
                return Future.<Void>succeededFuture();
              }
              return TALKING.contains(state)
                  ? onCall.started(tenant, staff.get(), callId(device))
                  : onCall.ended(tenant, staff.get(), callId(device));
            })
        .onFailure(
            failure ->
                LOG.atWarn()
                    .addKeyValue("tenant", tenant)
                    .addKeyValue("device", device)
                    .setCause(failure)
                    .log("could not record a desk phone's call"));
  }

  private Future<Map<String, String>> extensionsOf(String tenant) {
    long now = System.nanoTime();
    Read read =
        recent.compute(
            tenant,
            (t, earlier) ->
                earlier != null
                        && now - earlier.at() < REUSE_NANOS
                        && !earlier.extensions().failed()
                    ? earlier
                    : new Read(extensions.apply(t), now));
    return read.extensions();
  }

  private static Optional<String> owner(Map<String, String> extensionByStaff, String device) {
    return extensionByStaff.entrySet().stream()
        .filter(e -> device.equals("PJSIP/" + e.getValue()))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
