package io.civicline.voicemail.audio;

import java.time.Duration;
import java.util.Arrays;

/** Mono 16-bit linear samples at a sample rate: the form all conversions go through. */
public final class PcmAudio {
  private final short[] samples;
  private final int sampleRate;

  private PcmAudio(short[] samples, int sampleRate) {
    this.samples = samples;
    this.sampleRate = sampleRate;
  }

  /** Audio from a copy of {@code samples}. */
  public static PcmAudio of(short[] samples, int sampleRate) {
    return wrap(samples.clone(), sampleRate);
  }

  /** Takes ownership of {@code samples} without copying; for code in this package. */
  static PcmAudio wrap(short[] samples, int sampleRate) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    return new PcmAudio(samples, sampleRate);
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int length() {
    return samples.length;
  }

  public short sample(int index) {
    return samples[index];
  }

  public short[] samples() {
    return samples.clone();
  }

  short[] samplesView() {
    return samples;
  }

  public Duration duration() {
    return AudioInfo.durationOf(samples.length, sampleRate);
  }

  /**
   * The largest distance of any sample from the mean. Measured from the mean rather than from zero
   * so a constant offset (a DC bias from a cheap sound card) does not count as sound.
   */
  public int peakAmplitude() {
    if (samples.length == 0) {
      return 0;
    }
    long sum = 0;
    for (short s : samples) {
      sum += s;
    }
    double mean = (double) sum / samples.length;
    double peak = 0;
    for (short s : samples) {
      peak = Math.max(peak, Math.abs(s - mean));
    }
    return (int) Math.round(peak);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PcmAudio that
        && sampleRate == that.sampleRate
        && Arrays.equals(samples, that.samples);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRate + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "PcmAudio[" + samples.length + " samples at " + sampleRate + " Hz]";
  }
}
