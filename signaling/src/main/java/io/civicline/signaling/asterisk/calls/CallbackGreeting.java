package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.DialTarget;
import io.civicline.routing.engine.Phrases;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A resident called back by {@link AsteriskCallbacks} answered: the dialplan hands the call over
 * ({@code callback?tenant=..&callback=<id>}, with the queue and language in channel variables).
 * They hear who is calling in their language and the department's available staff are rung, as the
 * Twilio channel does.
 */
final class CallbackGreeting {
  private final AsteriskCalls.Services services;
  private final AgiPrompts prompts;
  private final Clock clock;

  CallbackGreeting(AsteriskCalls.Services services, AgiPrompts prompts, Clock clock) {
    this.services = services;
    this.prompts = prompts;
    this.clock = clock;
  }

  void run(AgiLine line, String tenant) throws IOException {
    try {
      greetAndRing(line, tenant);
    } catch (io.civicline.signaling.asterisk.agi.ChannelHungUpException hungUp) {
      // The resident hung up: nothing left to do; the callback counts as made.
    }
  }

  private void greetAndRing(AgiLine line, String tenant) throws IOException {
    String department = line.variable("CIVICLINE_CALLBACK_QUEUE").orElse("");
    String language = line.variable("CIVICLINE_CALLBACK_LANGUAGE").orElse("en");
    Optional<CallContext> context =
        Blocking.await(services.contexts().load(tenant, clock.instant(), Optional.empty()));
    line.answer();
    Action.Say greeting =
        Phrases.CALLBACK_GREETING.in(language, context.map(CallContext::townName).orElse(tenant));
    Optional<String> sound = prompts.sound(tenant, greeting);
    if (sound.isPresent()) {
      line.play(sound.get(), "");
    }
    List<DialTarget> targets = context.map(c -> targets(c, department)).orElse(List.of());
    if (!targets.isEmpty()) {
      AgiDialing.dial(
          line,
          new Action.Dial(targets, (int) AsteriskCallbacks.RING.toSeconds(), null),
          Blocking.await(services.contexts().extensions(tenant)));
    }
    line.hangup();
  }

  /** The department's available staff, longest idle first: desk phone and mobile. */
  private static List<DialTarget> targets(CallContext context, String department) {
    List<DialTarget> targets = new ArrayList<>();
    context.staff().values().stream()
        .filter(s -> s.departments().contains(department))
        .filter(s -> s.presence() == CallContext.Presence.AVAILABLE)
        .sorted(Comparator.comparing(CallContext.StaffView::idleSince))
        .forEach(
            member -> {
              targets.add(DialTarget.client(member.id()));
              member.mobile().ifPresent(m -> targets.add(DialTarget.number(m, member.id())));
            });
    return targets;
  }
}
