package io.civicline.voicemail.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * What a piece of audio is: its encoding, layout and length. {@code bitsPerSample} is the size of
 * one sample of one channel as stored; {@code frames} counts samples per channel.
 */
public record AudioInfo(
    AudioFormat format,
    int channels,
    int sampleRate,
    int bitsPerSample,
    long frames,
    Duration duration) {

  public AudioInfo {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(duration, "duration");
  }

  /** The info of {@code frames} frames, with the duration they play for at {@code sampleRate}. */
  static AudioInfo of(
      AudioFormat format, int channels, int sampleRate, int bitsPerSample, long frames) {
    return new AudioInfo(
        format, channels, sampleRate, bitsPerSample, frames, durationOf(frames, sampleRate));
  }

  static Duration durationOf(long frames, int sampleRate) {
    return Duration.ofNanos(Math.round(frames * 1_000_000_000.0 / sampleRate));
  }
}
