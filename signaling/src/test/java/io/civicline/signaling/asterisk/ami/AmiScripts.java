package io.civicline.signaling.asterisk.ami;

import io.civicline.testkit.asterisk.Direction;
import io.civicline.testkit.asterisk.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Scripts for reconnect and resync tests, cut from the real {@code ami-endpoint-state} capture (no
 * byte is invented except a shorter {@code DeviceStateList} and its {@code ListItems} count): log
 * in with {@code Events: on}, {@code DeviceStateList}, optionally live events, then either wait
 * (the test drops the connection) or log off.
 */
final class AmiScripts {
  private static final Transcript ENDPOINT_STATE = Transcript.load("ami-endpoint-state");
  private static final String ASTERISK = ENDPOINT_STATE.text(Direction.ASTERISK_TO_APP);
  private static final String APP = ENDPOINT_STATE.text(Direction.APP_TO_ASTERISK);

  static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  static final String LOGIN = slice(APP, "Action: Login\r\n", "Events: on\r\n\r\n");

  /** Login response, FullyBooted and SuccessfulAuth. */
  static final String LOGIN_ACCEPTED =
      ASTERISK.substring(
          BANNER.length(), ASTERISK.indexOf("Response: Success\r\nActionID: ep-before"));

  static final String DEVICE_STATE_LIST =
      "Action: DeviceStateList\r\nActionID: devstates-1\r\n\r\n";
  static final String LOGOFF = "Action: Logoff\r\nActionID: logoff-1\r\n\r\n";
  static final String GOODBYE =
      slice(ASTERISK, "Response: Goodbye\r\n", "Thanks for all the fish.\r\n\r\n");

  /** The live event after the list in the capture: baresip unregistered. */
  static final String PHONE_203_UNAVAILABLE =
      "Event: DeviceStateChange\r\nPrivilege: call,all\r\n"
          + slice(ASTERISK, "Timestamp: 1795394895.202138\r\n", "State: UNAVAILABLE\r\n\r\n");

  private AmiScripts() {}

  /** The real list answer, keeping only the items whose Device passes {@code keep}. */
  static String deviceStateList(Predicate<String> keep) {
    String whole =
        slice(ASTERISK, "Response: Success\r\nActionID: devstates-1\r\n", "ListItems: 10\r\n\r\n");
    String[] messages = whole.split("\r\n\r\n");
    StringBuilder out = new StringBuilder(messages[0]).append("\r\n\r\n");
    int kept = 0;
    for (int i = 1; i < messages.length - 1; i++) {
      String device = messages[i].replaceAll("(?s).*Device: ([^\r]*).*", "$1");
      if (keep.test(device)) {
        out.append(messages[i]).append("\r\n\r\n");
        kept++;
      }
    }
    return out.append(messages[messages.length - 1].replace("ListItems: 10", "ListItems: " + kept))
        .append("\r\n\r\n")
        .toString();
  }

  /**
   * Login, resync with {@code list}, then {@code live} events; the script then waits for a Logoff
   * that the test never lets come: it drops the connection with {@code AmiPeer.dropConnection()}.
   */
  static Transcript resyncThenWait(String name, String list, String live) {
    return loginAndList(name, list, live).app(LOGOFF).build();
  }

  /** Login, resync with {@code list}, {@code live} events, then a clean Logoff. */
  static Transcript resyncThenLogoff(String name, String list, String live) {
    return loginAndList(name, list, live)
        .app(LOGOFF)
        .asterisk(GOODBYE)
        .asteriskEof()
        .appEof()
        .build();
  }

  private static Transcript.Builder loginAndList(String name, String list, String live) {
    Transcript.Builder b =
        Transcript.builder(name)
            .asterisk(BANNER)
            .app(LOGIN)
            .asterisk(LOGIN_ACCEPTED)
            .app(DEVICE_STATE_LIST)
            .asterisk(list);
    if (!live.isEmpty()) {
      b.asterisk(live);
    }
    return b;
  }

  /** Devices listed in the real capture's DeviceStateList answer. */
  static List<String> capturedDevices() {
    List<String> devices = new ArrayList<>();
    for (String line : deviceStateList(d -> true).split("\r\n")) {
      if (line.startsWith("Device: ")) {
        devices.add(line.substring("Device: ".length()));
      }
    }
    return devices;
  }

  static String slice(String text, String from, String throughInclusive) {
    int start = text.indexOf(from);
    if (start < 0) {
      throw new IllegalArgumentException("marker not found: " + from);
    }
    int end = text.indexOf(throughInclusive, start);
    if (end < 0) {
      throw new IllegalArgumentException("marker not found: " + throughInclusive);
    }
    return text.substring(start, end + throughInclusive.length());
  }
}
