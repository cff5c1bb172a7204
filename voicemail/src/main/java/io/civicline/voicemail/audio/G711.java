package io.civicline.voicemail.audio;

/**
 * ITU-T G.711 μ-law and A-law companding between 16-bit linear samples and 8-bit codes.
 *
 * <p>Encoding follows the reference bit algorithm (as in the widely used Sun {@code g711.c}): μ-law
 * works on the top 14 bits, A-law on the top 13, and both pick the segment by the position of the
 * highest set bit. Decoding uses 256-entry tables built from the same definition, since it runs
 * once per sample of every recording we play or convert. Codes are the on-the-wire values, with the
 * standard bit inversions already applied.
 */
public final class G711 {
  private static final int MU_LAW_BIAS = 0x84;
  private static final int MU_LAW_CLIP = 8159; // in 14-bit units; larger values use the top code
  private static final short[] MU_LAW_DECODE = new short[256];
  private static final short[] A_LAW_DECODE = new short[256];

  static {
    for (int code = 0; code < 256; code++) {
      MU_LAW_DECODE[code] = decodeMuLaw(code);
      A_LAW_DECODE[code] = decodeALaw(code);
    }
  }

  private G711() {}

  /** The μ-law code for a 16-bit sample. */
  public static byte linearToMuLaw(int sample) {
    int value = clampTo16Bits(sample) >> 2;
    int mask;
    if (value < 0) {
      value = -value;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    value = Math.min(value, MU_LAW_CLIP) + (MU_LAW_BIAS >> 2);
    // value is now 0x21..0x2000: its highest set bit (5..12) gives the segment 0..7; only the
    // clipped maximum reaches bit 13, and it takes the loudest code.
    int segment = 31 - Integer.numberOfLeadingZeros(value) - 5;
    if (segment > 7) {
      return (byte) (0x7F ^ mask);
    }
    int code = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
    return (byte) (code ^ mask);
  }

  /** The 16-bit sample a μ-law code stands for (−32124..32124). */
  public static short muLawToLinear(byte code) {
    return MU_LAW_DECODE[code & 0xFF];
  }

  /** The A-law code for a 16-bit sample. */
  public static byte linearToALaw(int sample) {
    int value = clampTo16Bits(sample) >> 3;
    int mask;
    if (value >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      value = -value - 1;
    }
    // value is 0..4095; segment 0 and 1 share a step size, then each segment doubles it.
    int highestBit = 31 - Integer.numberOfLeadingZeros(value | 1);
    int segment = Math.max(0, highestBit - 4);
    int code = segment << 4;
    code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
    return (byte) (code ^ mask);
  }

  /** The 16-bit sample an A-law code stands for (−32256..32256). */
  public static short aLawToLinear(byte code) {
    return A_LAW_DECODE[code & 0xFF];
  }

  private static short decodeMuLaw(int code) {
    int inverted = ~code & 0xFF;
    int magnitude = (((inverted & 0x0F) << 3) + MU_LAW_BIAS) << ((inverted & 0x70) >> 4);
    return (short) ((inverted & 0x80) != 0 ? MU_LAW_BIAS - magnitude : magnitude - MU_LAW_BIAS);
  }

  private static short decodeALaw(int code) {
    int value = code ^ 0x55;
    int magnitude = (value & 0x0F) << 4;
    int segment = (value & 0x70) >> 4;
    magnitude += segment == 0 ? 8 : 0x108;
    if (segment > 1) {
      magnitude <<= segment - 1;
    }
    return (short) ((value & 0x80) != 0 ? magnitude : -magnitude);
  }

  private static int clampTo16Bits(int sample) {
    return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
  }
}
