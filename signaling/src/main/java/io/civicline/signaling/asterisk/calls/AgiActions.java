package io.civicline.signaling.asterisk.calls;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Step;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Carries out one engine step as AGI commands, in order, up to the first action that waits for the
 * caller (menu, dial, recording, queue); what that wait produced is the next event. Actions that
 * are not about the line (texts, callbacks) are the committer's.
 */
final class AgiActions {
  private final AgiPrompts prompts;
  private final AgiVoicemail voicemail;
  private final AgiQueues queues;

  AgiActions(AgiPrompts prompts, AgiVoicemail voicemail, AgiQueues queues) {
    this.prompts = prompts;
    this.voicemail = voicemail;
    this.queues = queues;
  }

  /** The event the step's waiting action produced; empty when the step waits for nothing. */
  Optional<CallEvent> perform(AgiCall call, Step step) throws IOException {
    for (Action action : step.actions()) {
      Optional<CallEvent> event = perform(call, step, action);
      if (event.isPresent()) {
        return event;
      }
    }
    if (call.queue().isPresent() && !step.state().ended()) {
      return Optional.of(
          queues.tick(call.line(), call.tenant(), call.queue().get(), call.callId(), step.state()));
    }
    return Optional.empty();
  }

  private Optional<CallEvent> perform(AgiCall call, Step step, Action action) throws IOException {
    AgiLine line = call.line();
    switch (action) {
      case Action.Say s -> play(call, action);
      case Action.Play p -> play(call, action);
      case Action.PlayGreeting g -> play(call, action);
      case Action.Gather gather -> {
        return Optional.of(gather(call, gather));
      }
      case Action.Dial dial -> {
        return Optional.of(AgiDialing.dial(line, dial, call.extensions()));
      }
      case Action.Record record -> {
        return Optional.of(
            voicemail.record(
                line,
                call.tenant(),
                call.callId(),
                step.state().caller(),
                step.state().language(),
                record,
                call.nextTake()));
      }
      case Action.Enqueue enqueue -> {
        call.joined(enqueue.queue());
        queues.join(
            call.tenant(),
            enqueue.queue(),
            call.callId(),
            step.state().queuedAt().orElse(java.time.Instant.EPOCH));
      }
      case Action.LeaveQueue leave -> {
        call.left();
        return Optional.of(new CallEvent.QueueExited(CallEvent.QueueExit.LEFT, Optional.empty()));
      }
      case Action.Hangup hangup -> line.hangup();
      case Action.SendSms sms -> {}
      case Action.RequestCallback callback -> {}
      case Action.OpenMailbox open -> {}
      case Action.UpdateMessage update -> {}
    }
    return Optional.empty();
  }

  private void play(AgiCall call, Action prompt) throws IOException {
    Optional<String> sound = prompts.sound(call.tenant(), prompt);
    if (sound.isPresent()) {
      call.line().play(sound.get(), "");
    }
  }

  /**
   * Plays the prompts with any key able to interrupt them, the last one through GET DATA, which
   * collects the keys. A key pressed during an earlier prompt starts the answer.
   */
  private CallEvent gather(AgiCall call, Action.Gather gather) throws IOException {
    AgiLine line = call.line();
    List<Action> all = gather.prompts();
    int timeoutMillis = gather.timeoutSeconds() * 1000;
    for (int i = 0; i < all.size() - 1; i++) {
      Optional<String> sound = prompts.sound(call.tenant(), all.get(i));
      if (sound.isEmpty()) {
        continue;
      }
      Optional<Character> key = line.play(sound.get(), AgiLine.ANY_KEY);
      if (key.isPresent()) {
        String rest =
            gather.maxDigits() > 1
                ? line.getData(SILENCE, timeoutMillis, gather.maxDigits() - 1)
                : "";
        return new CallEvent.Digits(key.get() + rest);
      }
    }
    Optional<String> last =
        all.isEmpty() ? Optional.empty() : prompts.sound(call.tenant(), all.get(all.size() - 1));
    String digits = line.getData(last.orElse(SILENCE), timeoutMillis, gather.maxDigits());
    return digits.isEmpty() ? new CallEvent.NoInput() : new CallEvent.Digits(digits);
  }

  /** A stock Asterisk sound: one second of silence. */
  static final String SILENCE = "silence/1";
}
