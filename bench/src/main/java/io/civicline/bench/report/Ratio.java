package io.civicline.bench.report;

import java.util.Locale;

/** Formats a measurement relative to the baseline of the same run, e.g. {@code 3.42×}. */
public final class Ratio {
  private Ratio() {}

  /** {@code value / baseline}, or {@code n/a} when the baseline is zero or missing. */
  public static String of(double value, double baseline) {
    if (!(baseline > 0) || Double.isNaN(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f×", value / baseline);
  }
}
