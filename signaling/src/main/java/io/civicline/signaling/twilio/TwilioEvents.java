package io.civicline.signaling.twilio;

import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.CallEvent.DialStatus;
import io.civicline.routing.engine.CallEvent.QueueExit;
import java.util.Map;
import java.util.Optional;

/** Translates one Twilio webhook into one engine event. */
final class TwilioEvents {
  private TwilioEvents() {}

  /** The kinds of event webhook CivicLine asks Twilio for. */
  static boolean known(String kind) {
    return switch (kind) {
      case "gather", "dial", "record", "queue-wait", "queue-key", "queue-exit" -> true;
      default -> false;
    };
  }

  /** A wait document answers these, not the call's main document. */
  static boolean waiting(String kind) {
    return kind.equals("queue-wait") || kind.equals("queue-key");
  }

  static CallEvent map(String kind, Map<String, String> params, Optional<String> answeredBy) {
    return switch (kind) {
      case "gather", "queue-key" -> input(params);
      case "dial" -> dial(params.getOrDefault("DialCallStatus", "failed"), answeredBy);
      case "record" ->
          new CallEvent.RecordingDone(
              params.getOrDefault("RecordingSid", ""), integer(params.get("RecordingDuration")));
      case "queue-wait" ->
          new CallEvent.QueueWait(
              Math.max(1, integer(params.get("QueuePosition"))),
              integer(params.get("QueueTime")),
              integer(params.get("AvgQueueTime")));
      case "queue-exit" ->
          new CallEvent.QueueExited(
              queueExit(params.getOrDefault("QueueResult", "hangup")), Optional.empty());
      default -> throw new IllegalArgumentException("unknown webhook kind " + kind);
    };
  }

  private static CallEvent input(Map<String, String> params) {
    String digits = params.get("Digits");
    if (digits != null && !digits.isBlank()) {
      return new CallEvent.Digits(digits.strip());
    }
    // A lone '#' ends a Gather with no digits; Twilio reports it as the finishing key.
    if ("#".equals(params.get("FinishedOnKey"))) {
      return new CallEvent.Digits("#");
    }
    String speech = params.get("SpeechResult");
    if (speech != null && !speech.isBlank()) {
      return new CallEvent.Speech(speech.strip());
    }
    return new CallEvent.NoInput();
  }

  static boolean answered(Map<String, String> params) {
    String status = params.getOrDefault("DialCallStatus", "");
    return status.equals("completed") || status.equals("answered");
  }

  private static CallEvent dial(String status, Optional<String> answeredBy) {
    return switch (status) {
      case "completed", "answered" -> new CallEvent.DialEnded(DialStatus.ANSWERED, answeredBy);
      case "busy" -> CallEvent.DialEnded.notAnswered(DialStatus.BUSY);
      case "no-answer" -> CallEvent.DialEnded.notAnswered(DialStatus.NO_ANSWER);
      default -> CallEvent.DialEnded.notAnswered(DialStatus.FAILED);
    };
  }

  private static QueueExit queueExit(String result) {
    return switch (result) {
      case "bridged", "bridging-in-process" -> QueueExit.BRIDGED;
      case "hangup" -> QueueExit.HUNG_UP;
      default -> QueueExit.LEFT;
    };
  }

  static int integer(String text) {
    try {
      return text == null ? 0 : (int) Math.max(0, Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
