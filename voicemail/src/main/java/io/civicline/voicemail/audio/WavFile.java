package io.civicline.voicemail.audio;

import java.util.Objects;

/**
 * A RIFF/WAVE file read from memory: its {@link AudioInfo} and where its samples lie.
 *
 * <p>The parser is lenient where real writers differ and strict where a mistake would play as
 * noise. Chunks may come in any order; unknown chunks ({@code LIST}, {@code fact}, {@code bext},
 * ...) are skipped; odd-sized chunks are followed by a pad byte. The RIFF size field is trusted
 * only when it fits the file, because streaming writers leave it 0 or wrong. A {@code data} chunk
 * that claims more bytes than the file holds means the upload was cut short and is refused rather
 * than played partly. A trailing partial frame is dropped.
 */
public final class WavFile {
  public static final int MIN_SAMPLE_RATE = 8000;
  public static final int MAX_SAMPLE_RATE = 48000;
  public static final int MAX_CHANNELS = 8;

  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  /** The bytes after the two-byte format code in every KSDATAFORMAT_SUBTYPE_* GUID we accept. */
  private static final byte[] SUBFORMAT_GUID_TAIL = {
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    (byte) 0xAA,
    0x00,
    0x38,
    (byte) 0x9B,
    0x71
  };

  private final byte[] bytes;
  private final int dataOffset;
  private final AudioInfo info;

  private WavFile(byte[] bytes, int dataOffset, AudioInfo info) {
    this.bytes = bytes;
    this.dataOffset = dataOffset;
    this.info = info;
  }

  /**
   * Parses a whole WAV file. The array is kept, not copied, so the caller must not change it.
   *
   * @throws InvalidAudioException saying what is wrong with the file
   */
  public static WavFile parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < 12 || !hasId(bytes, 0, "RIFF") || !hasId(bytes, 8, "WAVE")) {
      throw new InvalidAudioException("not a WAV file: it does not start with a RIFF/WAVE header");
    }
    long riffEnd = 8 + u32(bytes, 4);
    int end = riffEnd >= 12 && riffEnd <= bytes.length ? (int) riffEnd : bytes.length;

    Format format = null;
    int dataOffset = -1;
    long dataSize = 0;
    int position = 12;
    while (position + 8 <= end) {
      String id = chunkId(bytes, position);
      long size = u32(bytes, position + 4);
      int body = position + 8;
      long available = end - body;
      if (id.equals("fmt ")) {
        if (format != null) {
          throw new InvalidAudioException("damaged WAV file: it has two fmt chunks");
        }
        if (size > available) {
          throw new InvalidAudioException("truncated WAV file: the fmt chunk is cut off");
        }
        format = Format.read(bytes, body, (int) size);
      } else if (id.equals("data")) {
        if (dataOffset >= 0) {
          throw new InvalidAudioException("damaged WAV file: it has two data chunks");
        }
        if (size > available) {
          throw new InvalidAudioException(
              "truncated WAV file: the data chunk declares "
                  + size
                  + " bytes but only "
                  + available
                  + " follow");
        }
        dataOffset = body;
        dataSize = size;
      } else if (size > available) {
        if (format != null && dataOffset >= 0) {
          break; // cut-off metadata after the audio costs us nothing
        }
        throw new InvalidAudioException(
            "truncated WAV file: the '" + id.strip() + "' chunk runs past the end of the file");
      }
      position = (int) Math.min(end, body + size + (size & 1));
    }

    if (format == null) {
      throw new InvalidAudioException("damaged WAV file: it has no fmt chunk");
    }
    if (dataOffset < 0) {
      throw new InvalidAudioException("damaged WAV file: it has no data chunk");
    }
    long frames = dataSize / format.blockAlign();
    if (frames == 0) {
      throw new InvalidAudioException("the WAV file holds no audio: its data chunk is empty");
    }
    AudioInfo info =
        AudioInfo.of(
            format.encoding(),
            format.channels(),
            format.sampleRate(),
            format.bitsPerSample(),
            frames);
    return new WavFile(bytes, dataOffset, info);
  }

  public AudioInfo info() {
    return info;
  }

  byte[] bytes() {
    return bytes;
  }

  int dataOffset() {
    return dataOffset;
  }

  /** The fields of a {@code fmt } chunk we use, checked against each other. */
  private record Format(
      AudioFormat encoding, int channels, int sampleRate, int bitsPerSample, int blockAlign) {

    static Format read(byte[] bytes, int offset, int size) {
      if (size < 16) {
        throw new InvalidAudioException(
            "damaged WAV file: the fmt chunk is " + size + " bytes, at least 16 are needed");
      }
      int code = u16(bytes, offset);
      int channels = u16(bytes, offset + 2);
      long sampleRate = u32(bytes, offset + 4);
      // The byte rate at offset + 8 is derived from the other fields and often wrong in files
      // from simple writers; nothing is decoded from it, so it is not checked.
      int blockAlign = u16(bytes, offset + 12);
      int bits = u16(bytes, offset + 14);
      if (code == FORMAT_EXTENSIBLE) {
        code = extensibleSubformat(bytes, offset, size);
      }
      AudioFormat encoding = AudioFormat.ofCode(code);

      if (channels < 1 || channels > MAX_CHANNELS) {
        throw new InvalidAudioException(
            "unsupported WAV file: it has "
                + channels
                + " channels; 1 to "
                + MAX_CHANNELS
                + " are supported");
      }
      if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
        throw new InvalidAudioException(
            "unsupported sample rate "
                + sampleRate
                + " Hz; it must be between "
                + MIN_SAMPLE_RATE
                + " and "
                + MAX_SAMPLE_RATE
                + " Hz");
      }
      checkBits(encoding, bits);
      int needed = channels * (bits / 8);
      if (blockAlign != needed) {
        throw new InvalidAudioException(
            "damaged WAV file: inconsistent block align: the header says "
                + blockAlign
                + " bytes per frame, but "
                + channels
                + " channel(s) of "
                + bits
                + "-bit samples need "
                + needed);
      }
      return new Format(encoding, channels, (int) sampleRate, bits, blockAlign);
    }

    /**
     * The real format code inside WAVE_FORMAT_EXTENSIBLE. Samples narrower than their container
     * (e.g. 20 valid bits in 24) sit in the high bits, so they decode as the container size.
     */
    private static int extensibleSubformat(byte[] bytes, int offset, int size) {
      if (size < 40) {
        throw new InvalidAudioException(
            "damaged WAV file: its WAVE_FORMAT_EXTENSIBLE fmt chunk is "
                + size
                + " bytes, 40 are needed");
      }
      int guid = offset + 24;
      for (int i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
        if (bytes[guid + 2 + i] != SUBFORMAT_GUID_TAIL[i]) {
          throw new InvalidAudioException(
              "unsupported audio format: its WAVE_FORMAT_EXTENSIBLE sub-format is not a standard"
                  + " WAVE format GUID");
        }
      }
      return u16(bytes, guid);
    }

    private static void checkBits(AudioFormat encoding, int bits) {
      boolean supported =
          switch (encoding) {
            case PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case IEEE_FLOAT -> bits == 32 || bits == 64;
            case A_LAW, MU_LAW -> bits == 8;
          };
      if (!supported) {
        String allowed =
            switch (encoding) {
              case PCM -> "8, 16, 24 or 32";
              case IEEE_FLOAT -> "32 or 64";
              case A_LAW, MU_LAW -> "8";
            };
        throw new InvalidAudioException(
            "unsupported WAV file: "
                + bits
                + "-bit "
                + encoding.label()
                + " samples; "
                + encoding.label()
                + " must be "
                + allowed
                + " bits");
      }
    }
  }

  private static boolean hasId(byte[] bytes, int offset, String id) {
    return chunkId(bytes, offset).equals(id);
  }

  /** A chunk id as text, with anything unprintable shown as '?' so it is safe in messages. */
  private static String chunkId(byte[] bytes, int offset) {
    char[] id = new char[4];
    for (int i = 0; i < 4; i++) {
      int c = bytes[offset + i] & 0xFF;
      id[i] = c >= 0x20 && c < 0x7F ? (char) c : '?';
    }
    return new String(id);
  }

  static int u16(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
  }

  static long u32(byte[] bytes, int offset) {
    return (u16(bytes, offset) | (long) u16(bytes, offset + 2) << 16);
  }
}
