package io.civicline.voicemail.audio;

/**
 * Sample-rate conversion by windowed-sinc interpolation.
 *
 * <p>Why not low-pass plus linear interpolation: to land on 8 kHz from 44.1 kHz the low-pass must
 * cut off sharply just under 4 kHz, and a filter that sharp is as costly as doing the sinc
 * interpolation directly, which also avoids linear interpolation's own treble loss. The kernel is a
 * sinc with its cutoff at 3400 Hz per 8 kHz of the lower rate (the top of the telephone band),
 * shaped by a Kaiser window (β = 8, about −80 dB side lobes) spanning 16 zero crossings each side.
 * With that window the transition band ends just below the new Nyquist frequency, so nothing
 * aliases back into what a caller hears. The kernel is tabulated at 512 points per zero crossing
 * and linearly interpolated between them, which is accurate far beyond 16-bit output and keeps the
 * conversion of a two-minute greeting at a few hundred million multiply-adds.
 *
 * <p>Samples beyond either end count as silence; the output has {@code round(n * out / in)} samples
 * so the duration is kept.
 */
final class Resampler {
  private static final int ZERO_CROSSINGS = 16;
  private static final int STEPS_PER_CROSSING = 512;
  private static final double KAISER_BETA = 8.0;

  /** Cutoff as a fraction of the lower of the two rates: 3400 Hz at 8 kHz. */
  private static final double CUTOFF_FRACTION = 3400.0 / 8000.0;

  /** sinc(x) · window(x), for x = 0, 1/512, ..., 16 zero crossings (plus one guard entry). */
  private static final double[] KERNEL = kernelTable();

  private Resampler() {}

  static PcmAudio resample(PcmAudio audio, int targetRate) {
    if (targetRate <= 0) {
      throw new IllegalArgumentException("target rate must be positive: " + targetRate);
    }
    int sourceRate = audio.sampleRate();
    if (sourceRate == targetRate) {
      return audio;
    }
    short[] in = audio.samplesView();
    int outLength = (int) Math.round((double) in.length * targetRate / sourceRate);
    short[] out = new short[outLength];

    double step = (double) sourceRate / targetRate; // input samples per output sample
    double cutoff =
        CUTOFF_FRACTION * Math.min(sourceRate, targetRate) / sourceRate; // cycles/sample
    double crossingsPerSample = 2 * cutoff; // the sinc's zeros are 1 / (2 · cutoff) samples apart
    double halfWidth = ZERO_CROSSINGS / crossingsPerSample;
    double gain = 2 * cutoff; // makes the kernel sum to 1, so a constant passes unchanged
    double tableScale = crossingsPerSample * STEPS_PER_CROSSING;

    for (int n = 0; n < outLength; n++) {
      double center = n * step;
      int first = Math.max(0, (int) Math.ceil(center - halfWidth));
      int last = Math.min(in.length - 1, (int) Math.floor(center + halfWidth));
      double sum = 0;
      for (int k = first; k <= last; k++) {
        double position = Math.abs(k - center) * tableScale;
        int index = (int) position;
        double fraction = position - index;
        double weight = KERNEL[index] + fraction * (KERNEL[index + 1] - KERNEL[index]);
        sum += in[k] * weight;
      }
      long value = Math.round(sum * gain);
      out[n] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
    return PcmAudio.wrap(out, targetRate);
  }

  private static double[] kernelTable() {
    int size = ZERO_CROSSINGS * STEPS_PER_CROSSING;
    double[] table = new double[size + 2]; // guard entries for interpolation at the very edge
    double windowNorm = besselI0(KAISER_BETA);
    for (int i = 0; i <= size; i++) {
      double x = (double) i / STEPS_PER_CROSSING;
      double sinc = i == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = x / ZERO_CROSSINGS;
      double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / windowNorm;
      table[i] = sinc * window;
    }
    return table;
  }

  /** The zeroth-order modified Bessel function of the first kind, by its power series. */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double halfX = x / 2;
    for (int k = 1; k < 50; k++) {
      term *= (halfX / k) * (halfX / k);
      sum += term;
      if (term < 1e-12 * sum) {
        break;
      }
    }
    return sum;
  }
}
