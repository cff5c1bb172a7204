package io.civicline.voicemail.audio;

/** Turns the data chunk of a parsed WAV file into mono 16-bit samples. */
final class SampleDecoder {
  private SampleDecoder() {}

  /** One channel's sample at a byte offset, scaled to the 16-bit range. */
  private interface SampleReader {
    int read(byte[] bytes, int offset);
  }

  static PcmAudio decodeMono(WavFile wav) {
    AudioInfo info = wav.info();
    if (info.frames() > Integer.MAX_VALUE) {
      throw new InvalidAudioException("the WAV file is too long to convert");
    }
    SampleReader reader = readerFor(info.format(), info.bitsPerSample());
    int bytesPerSample = info.bitsPerSample() / 8;
    int channels = info.channels();
    byte[] bytes = wav.bytes();
    int position = wav.dataOffset();
    short[] mono = new short[(int) info.frames()];
    for (int frame = 0; frame < mono.length; frame++) {
      long sum = 0;
      for (int channel = 0; channel < channels; channel++) {
        sum += reader.read(bytes, position);
        position += bytesPerSample;
      }
      // Averaging (rather than summing) cannot overflow, at the cost of 6 dB for a signal present
      // in only one of two channels; that is still far above the silence threshold.
      mono[frame] = (short) Math.round((double) sum / channels);
    }
    return PcmAudio.wrap(mono, info.sampleRate());
  }

  private static SampleReader readerFor(AudioFormat format, int bits) {
    return switch (format) {
      case PCM ->
          switch (bits) {
            case 8 -> (b, o) -> ((b[o] & 0xFF) - 128) << 8; // 8-bit WAV is unsigned
            case 16 -> (b, o) -> (b[o] & 0xFF) | b[o + 1] << 8;
            case 24 -> (b, o) -> ((b[o + 1] & 0xFF) | b[o + 2] << 8);
            case 32 -> (b, o) -> ((b[o + 2] & 0xFF) | b[o + 3] << 8);
            default -> throw unsupported(format, bits);
          };
      case IEEE_FLOAT ->
          switch (bits) {
            case 32 -> (b, o) -> fromFloat(Float.intBitsToFloat(le32(b, o)));
            case 64 -> (b, o) -> fromFloat(Double.longBitsToDouble(le64(b, o)));
            default -> throw unsupported(format, bits);
          };
      case A_LAW -> (b, o) -> G711.aLawToLinear(b[o]);
      case MU_LAW -> (b, o) -> G711.muLawToLinear(b[o]);
    };
  }

  /** Float samples are nominally −1..1; louder ones clip, NaN is treated as silence. */
  private static int fromFloat(double value) {
    if (Double.isNaN(value)) {
      return 0;
    }
    return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value * 32767)));
  }

  private static int le32(byte[] b, int o) {
    return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24;
  }

  private static long le64(byte[] b, int o) {
    return (le32(b, o) & 0xFFFFFFFFL) | (long) le32(b, o + 4) << 32;
  }

  private static IllegalStateException unsupported(AudioFormat format, int bits) {
    // WavFile refuses these before we get here.
    return new IllegalStateException(bits + "-bit " + format + " passed WAV parsing");
  }
}
