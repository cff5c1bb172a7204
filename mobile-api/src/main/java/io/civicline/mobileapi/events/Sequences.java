package io.civicline.mobileapi.events;

/** Orders Redis stream ids ({@code <ms>-<n>}), which are the event sequences apps resume from. */
final class Sequences {
  private Sequences() {}

  static int compare(String a, String b) {
    long[] x = parse(a);
    long[] y = parse(b);
    int byTime = Long.compare(x[0], y[0]);
    return byTime != 0 ? byTime : Long.compare(x[1], y[1]);
  }

  /** True for a well-formed stream id, so a client's {@code since} is checked before use. */
  static boolean valid(String id) {
    return id != null && id.matches("\\d{1,19}-\\d{1,19}");
  }

  private static long[] parse(String id) {
    int dash = id.indexOf('-');
    return new long[] {
      Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))
    };
  }
}
