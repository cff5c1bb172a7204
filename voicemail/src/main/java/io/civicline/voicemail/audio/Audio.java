package io.civicline.voicemail.audio;

import java.util.Objects;

/**
 * Conversions between the audio we receive and the forms we store: decode anything {@link WavFile}
 * reads to mono 16-bit samples, resample, and encode as 8 kHz mono μ-law WAV (the stored form of
 * greetings) or 8 kHz mono 16-bit PCM WAV.
 */
public final class Audio {
  /** The telephone sample rate every stored file uses. */
  public static final int TELEPHONE_RATE = 8000;

  private Audio() {}

  /**
   * Decodes a WAV file to mono 16-bit samples at its own rate; several channels are averaged.
   *
   * @throws InvalidAudioException when the file cannot be read
   */
  public static PcmAudio decodeMono(byte[] wav) {
    return decodeMono(WavFile.parse(wav));
  }

  public static PcmAudio decodeMono(WavFile wav) {
    return SampleDecoder.decodeMono(wav);
  }

  /**
   * Decodes headerless μ-law, one byte per sample, such as Asterisk's {@code .ulaw} files (which
   * are always 8 kHz).
   *
   * @throws InvalidAudioException when {@code raw} is empty or the rate is outside what we accept
   */
  public static PcmAudio fromRawMuLaw(byte[] raw, int sampleRate) {
    Objects.requireNonNull(raw, "raw");
    if (sampleRate < WavFile.MIN_SAMPLE_RATE || sampleRate > WavFile.MAX_SAMPLE_RATE) {
      throw new InvalidAudioException(
          "unsupported sample rate "
              + sampleRate
              + " Hz; it must be between "
              + WavFile.MIN_SAMPLE_RATE
              + " and "
              + WavFile.MAX_SAMPLE_RATE
              + " Hz");
    }
    if (raw.length == 0) {
      throw new InvalidAudioException("the μ-law file holds no audio: it is empty");
    }
    short[] samples = new short[raw.length];
    for (int i = 0; i < raw.length; i++) {
      samples[i] = G711.muLawToLinear(raw[i]);
    }
    return PcmAudio.wrap(samples, sampleRate);
  }

  /** What a headerless μ-law file is, without decoding it. */
  public static AudioInfo rawMuLawInfo(byte[] raw, int sampleRate) {
    return AudioInfo.of(AudioFormat.MU_LAW, 1, sampleRate, 8, raw.length);
  }

  /** The audio at another sample rate (windowed-sinc; see {@link Resampler}). */
  public static PcmAudio resample(PcmAudio audio, int targetRate) {
    return Resampler.resample(audio, targetRate);
  }

  /** 8 kHz mono μ-law WAV with a {@code fact} chunk: the canonical stored greeting. */
  public static byte[] toMuLawWav(PcmAudio audio) {
    short[] samples = resample(audio, TELEPHONE_RATE).samplesView();
    byte[] codes = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      codes[i] = G711.linearToMuLaw(samples[i]);
    }
    return WavWriter.muLaw(codes, TELEPHONE_RATE);
  }

  /** 8 kHz mono 16-bit PCM WAV. */
  public static byte[] toPcm16Wav(PcmAudio audio) {
    return WavWriter.pcm16(resample(audio, TELEPHONE_RATE).samplesView(), TELEPHONE_RATE);
  }
}
