package io.civicline.voicemail.audio;

import io.civicline.core.validation.InvalidInputException;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules for an uploaded mailbox greeting. An upload that passes comes back as the canonical
 * stored form, 8 kHz mono μ-law WAV; one that fails raises {@link InvalidInputException} with one
 * error at the caller's JSON pointer (the document root {@code #} by default) whose detail says
 * exactly what to fix.
 *
 * <p>Checks run cheapest first: size before parsing, header lengths before decoding, silence last.
 */
public final class GreetingPolicy {
  /** Larger uploads are refused before parsing: ten minutes of 8 kHz 16-bit audio is ~9.2 MiB. */
  public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

  public static final Duration MIN_LENGTH = Duration.ofSeconds(1);

  /**
   * A greeting whose loudest sample (measured from the mean, after conversion to 8 kHz) stays below
   * this is taken as silent: 1% of full scale, −40 dBFS. Quiet speech peaks far above it; line hiss
   * and a muted microphone stay below.
   */
  public static final int SILENCE_PEAK = 328;

  private GreetingPolicy() {}

  /** {@link #validate(byte[], Duration, String)} reporting at the document root. */
  public static byte[] validate(byte[] upload, Duration maxLength) {
    return validate(upload, maxLength, "#");
  }

  /**
   * Checks a WAV upload (PCM, float, A-law or μ-law; any rate from 8 to 48 kHz; up to 8 channels)
   * and returns it as 8 kHz mono μ-law WAV.
   *
   * @param maxLength the longest greeting allowed, at least {@link #MIN_LENGTH}
   * @param pointer where errors are reported, e.g. {@code #} or {@code #/greeting}
   * @throws InvalidInputException when the upload breaks a rule
   */
  public static byte[] validate(byte[] upload, Duration maxLength, String pointer) {
    checkArguments(maxLength, pointer);
    checkSize(upload, pointer);
    WavFile wav;
    try {
      wav = WavFile.parse(upload);
    } catch (InvalidAudioException e) {
      throw new InvalidInputException(pointer, e.getMessage());
    }
    checkLength(wav.info().duration(), maxLength, pointer);
    return normalize(Audio.decodeMono(wav), pointer);
  }

  /**
   * Checks a headerless 8 kHz μ-law upload (an Asterisk {@code .ulaw} file) and returns it as 8 kHz
   * mono μ-law WAV. Headerless bytes cannot be told from any other bytes, so callers use this only
   * when the upload is declared as raw μ-law.
   */
  public static byte[] validateRawMuLaw(byte[] upload, Duration maxLength, String pointer) {
    checkArguments(maxLength, pointer);
    checkSize(upload, pointer);
    checkLength(Audio.rawMuLawInfo(upload, Audio.TELEPHONE_RATE).duration(), maxLength, pointer);
    return normalize(Audio.fromRawMuLaw(upload, Audio.TELEPHONE_RATE), pointer);
  }

  private static void checkArguments(Duration maxLength, String pointer) {
    Objects.requireNonNull(pointer, "pointer");
    if (maxLength.compareTo(MIN_LENGTH) < 0) {
      throw new IllegalArgumentException(
          "maxLength must be at least " + MIN_LENGTH + ", was " + maxLength);
    }
  }

  private static void checkSize(byte[] upload, String pointer) {
    if (upload == null || upload.length == 0) {
      throw new InvalidInputException(pointer, "the greeting file is empty");
    }
    if (upload.length > MAX_UPLOAD_BYTES) {
      throw new InvalidInputException(
          pointer,
          "the greeting file is too big: "
              + Lengths.describeBytes(upload.length)
              + "; the limit is "
              + Lengths.describeBytes(MAX_UPLOAD_BYTES));
    }
  }

  private static void checkLength(Duration length, Duration maxLength, String pointer) {
    if (length.compareTo(maxLength) > 0) {
      throw new InvalidInputException(
          pointer,
          "the greeting is too long: it is "
              + Lengths.describe(length, RoundingMode.CEILING)
              + "; greetings may be at most "
              + Lengths.describe(maxLength));
    }
    if (length.compareTo(MIN_LENGTH) < 0) {
      throw new InvalidInputException(
          pointer,
          "the greeting is too short: it is "
              + Lengths.describe(length, RoundingMode.FLOOR)
              + "; greetings must be at least "
              + Lengths.describe(MIN_LENGTH));
    }
  }

  private static byte[] normalize(PcmAudio audio, String pointer) {
    PcmAudio telephone = Audio.resample(audio, Audio.TELEPHONE_RATE);
    if (telephone.peakAmplitude() < SILENCE_PEAK) {
      throw new InvalidInputException(
          pointer,
          "the greeting is silent: its loudest sound is below −40 dBFS; check the microphone and"
              + " record again");
    }
    return Audio.toMuLawWav(telephone);
  }
}
