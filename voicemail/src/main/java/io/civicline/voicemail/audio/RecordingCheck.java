package io.civicline.voicemail.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks a voicemail recording fetched from the carrier before it is stored: that it is audio we
 * can play, that it is no bigger than allowed, and that it is as long as the carrier said. A length
 * far from the carrier's figure means a cut-off download or the wrong file.
 *
 * <p>The allowed difference is the larger of {@link #MIN_TOLERANCE} and {@link #RELATIVE_TOLERANCE}
 * of the expected length: carriers report whole seconds (Twilio's {@code RecordingDuration}) and
 * may count a little ringing or trailing silence, so short recordings get a fixed allowance and
 * long ones a proportional one.
 */
public final class RecordingCheck {
  public static final Duration MIN_TOLERANCE = Duration.ofSeconds(2);
  public static final double RELATIVE_TOLERANCE = 0.10;

  private RecordingCheck() {}

  /**
   * Parses and checks a WAV recording.
   *
   * @param expected the length the carrier reported
   * @param maxBytes the largest file accepted
   * @return what the recording is
   * @throws BadRecordingException saying why the recording is refused
   */
  public static AudioInfo verify(byte[] wav, Duration expected, long maxBytes) {
    checkSize(wav, maxBytes);
    AudioInfo info;
    try {
      info = WavFile.parse(wav).info();
    } catch (InvalidAudioException e) {
      throw new BadRecordingException("unreadable recording: " + e.getMessage(), e);
    }
    checkLength(info.duration(), expected);
    return info;
  }

  /** Checks a headerless 8 kHz μ-law recording (Asterisk {@code .ulaw}). */
  public static AudioInfo verifyRawMuLaw(byte[] raw, Duration expected, long maxBytes) {
    checkSize(raw, maxBytes);
    AudioInfo info = Audio.rawMuLawInfo(raw, Audio.TELEPHONE_RATE);
    checkLength(info.duration(), expected);
    return info;
  }

  /** The largest difference from {@code expected} that is still accepted. */
  public static Duration tolerance(Duration expected) {
    Duration relative = Duration.ofNanos(Math.round(expected.toNanos() * RELATIVE_TOLERANCE));
    return relative.compareTo(MIN_TOLERANCE) > 0 ? relative : MIN_TOLERANCE;
  }

  private static void checkSize(byte[] recording, long maxBytes) {
    Objects.requireNonNull(recording, "recording");
    if (recording.length == 0) {
      throw new BadRecordingException("empty recording: the file has no bytes");
    }
    if (recording.length > maxBytes) {
      throw new BadRecordingException(
          "recording too big: "
              + Lengths.describeBytes(recording.length)
              + "; the limit is "
              + Lengths.describeBytes(maxBytes));
    }
  }

  private static void checkLength(Duration actual, Duration expected) {
    Objects.requireNonNull(expected, "expected");
    if (expected.isNegative()) {
      throw new IllegalArgumentException("expected length is negative: " + expected);
    }
    Duration tolerance = tolerance(expected);
    if (actual.minus(expected).abs().compareTo(tolerance) > 0) {
      throw new BadRecordingException(
          "recording length mismatch: the file is "
              + Lengths.describe(actual)
              + " long but the carrier reported "
              + Lengths.describe(expected)
              + " (allowed difference "
              + Lengths.describe(tolerance)
              + ")");
    }
  }
}
