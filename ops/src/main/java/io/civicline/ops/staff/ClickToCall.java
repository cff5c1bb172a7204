package io.civicline.ops.staff;

import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.directory.Tenant;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.mobileapi.calls.OutboundCalls;
import io.civicline.signaling.asterisk.ami.AmiConnections;
import io.civicline.signaling.asterisk.calls.AsteriskClickToCall;
import io.civicline.signaling.twilio.TwilioChannel;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.Optional;

/**
 * Click-to-call from the staff app, placed through the voice channel that serves the town: its
 * Asterisk when one is configured for it, else Twilio. The resident sees the department's own
 * number, else the town's main number (one that belongs to no department).
 */
public final class ClickToCall implements OutboundCalls {
  /** More numbers than any town has; the first page is all of them. */
  private static final int NUMBERS = 1000;

  private final DocumentStore store;
  private final Optional<AmiConnections> ami;
  private final Optional<TwilioChannel> twilio;
  private final io.civicline.signaling.asterisk.calls.ClickToCallLog asteriskLog;

  /**
   * @param asteriskLog follows calls placed on Asterisk to their end, for the call records
   */
  public ClickToCall(
      DocumentStore store,
      Optional<AmiConnections> ami,
      Optional<TwilioChannel> twilio,
      io.civicline.signaling.asterisk.calls.ClickToCallLog asteriskLog) {
    this.store = store;
    this.ami = ami;
    this.twilio = twilio;
    this.asteriskLog = asteriskLog;
  }

  @Override
  public Future<Void> allowed(OutboundCall call) {
    return shownNumber(call).compose(number -> allowed(call, number));
  }

  @Override
  public Future<PlacedCall> place(OutboundCall call) {
    // asked again: the policy or the town's numbers may have changed since allowed()
    return shownNumber(call)
        .compose(number -> allowed(call, number).compose(ok -> place(call, number)));
  }

  /** The number the resident will see; {@link NotPossible} when the town has none to show. */
  private Future<String> shownNumber(OutboundCall call) {
    return callerId(call.tenant(), call.department())
        .map(
            number ->
                number.orElseThrow(
                    () ->
                        new NotPossible(
                            "the town has no number to show for department "
                                + call.department()
                                + " (add a number for it, or a main number)")));
  }

  /** Fails with {@link NotAllowed} when the town's dialing policy refuses the number. */
  private Future<Void> allowed(OutboundCall call, String callerId) {
    return store
        .get(call.tenant(), Tenant.COLLECTION, call.tenant())
        .map(
            town -> {
              town.orElseThrow()
                  .parsed(Tenant::parse)
                  .dialingPolicy(callerId)
                  .refusal(call.to())
                  .ifPresent(
                      reason -> {
                        throw new NotAllowed(reason);
                      });
              return null;
            });
  }

  private Future<PlacedCall> place(OutboundCall call, String callerId) {
    var asterisk = ami.flatMap(connections -> connections.clientForTenant(call.tenant()));
    if (asterisk.isPresent()) {
      var client = asterisk.get();
      AsteriskClickToCall.StaffPhone phone =
          call.via() == Via.MOBILE
              ? new AsteriskClickToCall.Mobile(mobile(call))
              : new AsteriskClickToCall.Extension(call.caller().extension());
      try {
        String id =
            new AsteriskClickToCall(client::originate, client::isLoggedIn, asteriskLog)
                .place(
                    call.tenant(),
                    call.caller().id(),
                    call.department(),
                    phone,
                    call.to(),
                    callerId);
        return Future.succeededFuture(new PlacedCall(id, "asterisk", callerId));
      } catch (IllegalStateException disconnected) {
        return Future.failedFuture(new Unavailable(disconnected.getMessage()));
      }
    }
    if (twilio.isPresent()) {
      String leg = call.via() == Via.MOBILE ? mobile(call) : "client:" + call.caller().id();
      return twilio
          .get()
          .clickToCall()
          .place(call.tenant(), call.caller().id(), call.department(), leg, call.to(), callerId)
          .map(sid -> new PlacedCall(sid, "twilio", callerId))
          .recover(
              failure ->
                  Future.failedFuture(
                      new Unavailable("Twilio did not take the call: " + failure.getMessage())));
    }
    return Future.failedFuture(new Unavailable("no voice channel serves town " + call.tenant()));
  }

  private static String mobile(OutboundCall call) {
    return call.caller()
        .mobile()
        .orElseThrow(() -> new NotPossible("no mobile number on file for " + call.caller().id()));
  }

  /** The department's number, else the town's main number; the lowest id when several. */
  private Future<Optional<String>> callerId(String tenant, String department) {
    return store
        .list(tenant, PhoneNumber.COLLECTION, null, NUMBERS)
        .map(
            page -> {
              Optional<Stored> own =
                  first(page.items(), n -> department.equals(n.body().getString("departmentId")));
              Optional<Stored> main =
                  first(page.items(), n -> !n.body().containsKey("departmentId"));
              return own.or(() -> main).map(n -> n.body().getString("number"));
            });
  }

  private static Optional<Stored> first(
      java.util.List<Stored> numbers, java.util.function.Predicate<Stored> which) {
    return numbers.stream().filter(which).min(Comparator.comparing(Stored::id));
  }
}
