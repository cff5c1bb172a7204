package io.civicline.voicemail.audio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Durations and sizes written for people: "2 min 5.3 s", "10 MiB". */
final class Lengths {
  private Lengths() {}

  /**
   * A duration to a tenth of a second. The rounding mode lets a message about a limit never round a
   * value onto the limit itself (a 120.04 s greeting over a 2 min limit reads "2 min 0.1 s").
   */
  static String describe(Duration duration, RoundingMode rounding) {
    BigDecimal seconds =
        BigDecimal.valueOf(duration.toNanos(), 9).setScale(1, rounding).stripTrailingZeros();
    BigDecimal[] minutesAndRest = seconds.divideAndRemainder(BigDecimal.valueOf(60));
    long minutes = minutesAndRest[0].longValueExact();
    String rest = minutesAndRest[1].stripTrailingZeros().toPlainString();
    if (minutes == 0) {
      return rest + " s";
    }
    return minutesAndRest[1].signum() == 0 ? minutes + " min" : minutes + " min " + rest + " s";
  }

  static String describe(Duration duration) {
    return describe(duration, RoundingMode.HALF_UP);
  }

  static String describeBytes(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes >= 1024 * 1024) {
      return BigDecimal.valueOf(bytes)
              .divide(BigDecimal.valueOf(1024 * 1024), 1, RoundingMode.HALF_UP)
              .stripTrailingZeros()
              .toPlainString()
          + " MiB";
    }
    return bytes + " bytes";
  }
}
