package io.civicline.voicemail.audio;

import java.util.Map;

/** The sample encodings we decode, with their WAVE format codes. */
public enum AudioFormat {
  PCM(0x0001, "PCM"),
  IEEE_FLOAT(0x0003, "IEEE float"),
  A_LAW(0x0006, "A-law"),
  MU_LAW(0x0007, "μ-law");

  /** Format codes people meet in the wild, so an error can name what they sent. */
  private static final Map<Integer, String> OTHER_NAMES =
      Map.of(
          0x0002, "Microsoft ADPCM",
          0x0011, "IMA ADPCM",
          0x0022, "TrueSpeech",
          0x0031, "GSM 6.10",
          0x0040, "G.721 ADPCM",
          0x0050, "MPEG",
          0x0055, "MP3",
          0x0064, "G.726 ADPCM",
          0xFFFE, "WAVE_FORMAT_EXTENSIBLE");

  private final int code;
  private final String label;

  AudioFormat(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The WAVE {@code wFormatTag} (or extensible sub-format) for this encoding. */
  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  /**
   * The encoding of a format code; {@link InvalidAudioException} naming the code if unsupported.
   */
  static AudioFormat ofCode(int code) {
    for (AudioFormat format : values()) {
      if (format.code == code) {
        return format;
      }
    }
    String name = OTHER_NAMES.get(code);
    throw new InvalidAudioException(
        "unsupported audio format "
            + String.format("0x%04X", code)
            + (name == null ? "" : " (" + name + ")")
            + "; supported are PCM, IEEE float, A-law and μ-law");
  }
}
