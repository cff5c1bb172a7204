package io.civicline.bench.agi;

/**
 * The environment block Asterisk 22 sends when it connects (copied from the agi-happy-path
 * transcript), made unique per simulated call: channel, unique id and caller number.
 */
final class AgiEnvironment {
  /**
   * Asterisk's unique ids never repeat on one server, and the flow driver refuses a second session
   * for an id it has seen: every simulated call of every run gets its own.
   */
  private static final java.util.concurrent.atomic.AtomicLong CALLS =
      new java.util.concurrent.atomic.AtomicLong();

  private static final long PROCESS = System.currentTimeMillis() / 1000;

  private AgiEnvironment() {}

  /**
   * @param script what follows {@code agi://host:port/}, e.g. {@code
   *     flow?tenant=lakeside&number=%2B12695550100}
   */
  static String block(int call, String script, int port) {
    String suffix = String.format("%08x", call);
    return "agi_network: yes\n"
        + "agi_network_script: "
        + script
        + "\n"
        + "agi_request: agi://127.0.0.1:"
        + port
        + "/"
        + script
        + "\n"
        + "agi_channel: PJSIP/trunk-"
        + suffix
        + "\n"
        + "agi_language: en\n"
        + "agi_type: PJSIP\n"
        + "agi_uniqueid: bench-"
        + PROCESS
        + "."
        + CALLS.incrementAndGet()
        + "\n"
        + "agi_version: 22.10.1\n"
        + "agi_callerid: +1269"
        + String.format("%07d", call % 10_000_000)
        + "\n"
        + "agi_calleridname: Bench Caller\n"
        + "agi_callingpres: 0\n"
        + "agi_callingani2: 0\n"
        + "agi_callington: 0\n"
        + "agi_callingtns: 0\n"
        + "agi_dnid: +12695550100\n"
        + "agi_rdnis: unknown\n"
        + "agi_context: from-pstn\n"
        + "agi_extension: +12695550100\n"
        + "agi_priority: 2\n"
        + "agi_enhanced: 0.0\n"
        + "agi_accountcode: \n"
        + "agi_threadid: 140513342699200\n"
        + "\n";
  }
}
