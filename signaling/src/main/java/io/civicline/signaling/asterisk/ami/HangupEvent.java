package io.civicline.signaling.asterisk.ami;

/**
 * A channel hung up ({@code Event: Hangup}). {@code cause} is the Q.850 cause ({@code 16} = normal
 * clearing, {@code 17} busy...), -1 if Asterisk sent none or garbage; {@code accountCode} is empty
 * when unset (Asterisk sends {@code AccountCode: }).
 */
public record HangupEvent(
    String server,
    String channel,
    String uniqueId,
    String linkedId,
    int cause,
    String causeText,
    String accountCode) {

  static HangupEvent from(String server, AmiMessage event) {
    return new HangupEvent(
        server,
        event.get("Channel"),
        event.get("Uniqueid"),
        event.get("Linkedid"),
        AmiNumbers.parseInt(event.get("Cause"), -1),
        event.get("Cause-txt"),
        nullToEmpty(event.get("AccountCode")));
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
