package io.civicline.testkit.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One recorded TCP connection between Asterisk and an application (FastAGI or AMI), as stored in
 * the {@code .jsonl} fixtures under {@code /asterisk/} on the classpath (see {@code
 * /asterisk/README.md} and {@code /asterisk/HOW-TO-USE.md}).
 *
 * <p>A transcript is the ordered list of {@link Chunk}s: what one {@code recv()} of the capture
 * proxy returned, or a half-close ({@link Chunk#eof()}). Chunk boundaries are <b>not</b> message
 * boundaries; compare byte streams ({@link #bytes(Direction)}), not chunks.
 *
 * <p>Instances are immutable; the editing methods ({@link #truncateAsterisk}, {@link
 * #insertAsterisk}) return new transcripts, for robustness tests.
 */
public final class Transcript {
  /** Classpath folder of the fixtures. */
  public static final String RESOURCE_DIR = "/asterisk/";

  /**
   * One chunk as recorded.
   *
   * @param direction who sent it
   * @param tMs milliseconds since the connection was accepted
   * @param bytes the exact bytes (UTF-8 of the recorded {@code data}); empty for an EOF
   * @param eof true if this is the sender's half-close (TCP FIN), not data
   */
  public record Chunk(Direction direction, long tMs, byte[] bytes, boolean eof) {
    public Chunk {
      bytes = bytes.clone();
      if (eof && bytes.length > 0) {
        throw new IllegalArgumentException("an EOF chunk carries no data");
      }
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    int length() {
      return bytes.length;
    }

    byte[] raw() {
      return bytes;
    }

    /** The bytes as text (UTF-8). */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return direction + " @" + tMs + "ms " + (eof ? "<EOF>" : Readable.escape(bytes));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Chunk c
          && c.direction == direction
          && c.tMs == tMs
          && c.eof == eof
          && Arrays.equals(c.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes) * 31 + direction.hashCode();
    }
  }

  /**
   * A turn of the conversation: consecutive data chunks of one side merged, or one side's EOF.
   *
   * @param direction who sent it
   * @param startMs {@code t_ms} of its first chunk
   * @param bytes the merged bytes (empty for an EOF)
   * @param eof true for a half-close
   */
  public record Turn(Direction direction, long startMs, byte[] bytes, boolean eof) {
    public Turn {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return direction + " @" + startMs + "ms " + (eof ? "<EOF>" : Readable.escape(bytes));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Turn t
          && t.direction == direction
          && t.startMs == startMs
          && t.eof == eof
          && Arrays.equals(t.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes) * 31 + direction.hashCode();
    }
  }

  private final String name;
  private final List<Chunk> chunks;

  private Transcript(String name, List<Chunk> chunks) {
    this.name = name;
    this.chunks = List.copyOf(chunks);
  }

  /**
   * Loads {@code /asterisk/<name>.jsonl} from the classpath ({@code name} may end in {@code
   * .jsonl}).
   *
   * @throws IllegalArgumentException if there is no such transcript or it is malformed
   */
  public static Transcript load(String name) {
    String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    String resource = RESOURCE_DIR + base + ".jsonl";
    try (InputStream in = Transcript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no transcript " + resource + " on the classpath; known: " + names());
      }
      return parse(base, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of all bundled transcripts (from {@code /asterisk/transcripts.txt}). */
  public static List<String> names() {
    try (InputStream in = Transcript.class.getResourceAsStream(RESOURCE_DIR + "transcripts.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the {@code .jsonl} text of a transcript. */
  public static Transcript parse(String name, String jsonl) {
    List<Chunk> chunks = new ArrayList<>();
    int lineNo = 0;
    for (String line : jsonl.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      Map<?, ?> o;
      try {
        if (!(io.civicline.testkit.Json.parse(line) instanceof Map<?, ?> object)) {
          throw new IllegalArgumentException("not a JSON object");
        }
        o = object;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " line " + lineNo + ": " + e.getMessage(), e);
      }
      Object dir = o.get("dir");
      Object t = o.get("t_ms");
      Object data = o.get("data");
      if (!(dir instanceof String d) || !(t instanceof Number n) || !(data instanceof String s)) {
        throw new IllegalArgumentException(
            name + " line " + lineNo + ": needs string dir, number t_ms, string data");
      }
      boolean eof = Boolean.TRUE.equals(o.get("eof"));
      chunks.add(
          new Chunk(Direction.fromWire(d), n.longValue(), s.getBytes(StandardCharsets.UTF_8), eof));
    }
    return new Transcript(name, chunks);
  }

  /** A transcript built by hand (e.g. for a peer test or an odd Asterisk behaviour). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The chunks in wire order. */
  public List<Chunk> chunks() {
    return chunks;
  }

  /** Everything one side sent, concatenated (the byte stream the other side received). */
  public byte[] bytes(Direction direction) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Chunk c : chunks) {
      if (c.direction() == direction) {
        out.writeBytes(c.raw());
      }
    }
    return out.toByteArray();
  }

  /** {@link #bytes(Direction)} as UTF-8 text. */
  public String text(Direction direction) {
    return new String(bytes(direction), StandardCharsets.UTF_8);
  }

  /** Everything Asterisk sent. */
  public byte[] asteriskBytes() {
    return bytes(Direction.ASTERISK_TO_APP);
  }

  /** Everything the application sent. */
  public byte[] appBytes() {
    return bytes(Direction.APP_TO_ASTERISK);
  }

  /** True if the transcript records {@code direction} half-closing. */
  public boolean closes(Direction direction) {
    return chunks.stream().anyMatch(c -> c.eof() && c.direction() == direction);
  }

  /** The side that half-closed first, or null if nobody closed. */
  public Direction closedFirst() {
    return chunks.stream().filter(Chunk::eof).map(Chunk::direction).findFirst().orElse(null);
  }

  /**
   * The conversation: consecutive data chunks of one side merged into one {@link Turn}; an EOF is a
   * turn of its own. This is the exact structure of who-said-what-when, without the accidental
   * chunking of the capture.
   */
  public List<Turn> conversation() {
    List<Turn> turns = new ArrayList<>();
    Direction current = null;
    long start = 0;
    ByteArrayOutputStream buf = null;
    for (Chunk c : chunks) {
      if (buf != null && (c.eof() || c.direction() != current)) {
        turns.add(new Turn(current, start, buf.toByteArray(), false));
        buf = null;
      }
      if (c.eof()) {
        turns.add(new Turn(c.direction(), c.tMs(), new byte[0], true));
        continue;
      }
      if (buf == null) {
        buf = new ByteArrayOutputStream();
        current = c.direction();
        start = c.tMs();
      }
      buf.writeBytes(c.raw());
    }
    if (buf != null) {
      turns.add(new Turn(current, start, buf.toByteArray(), false));
    }
    return turns;
  }

  /**
   * The offset in {@code direction}'s byte stream just after the first occurrence of {@code marker}
   * (UTF-8), e.g. {@code offsetAfter(ASTERISK_TO_APP, "Authentication accepted\r\n\r\n")}.
   *
   * @throws IllegalArgumentException if the marker does not occur
   */
  public int offsetAfter(Direction direction, String marker) {
    byte[] hay = bytes(direction);
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    int at = Readable.indexOf(hay, needle, 0);
    if (at < 0) {
      throw new IllegalArgumentException(
          name + ": " + direction + " never sends " + Readable.quote(needle));
    }
    return at + needle.length;
  }

  /**
   * A copy in which Asterisk sends only its first {@code keepBytes} bytes and then half-closes;
   * every later chunk (of both sides) is dropped. For "truncated environment" robustness tests.
   */
  public Transcript truncateAsterisk(int keepBytes) {
    List<Chunk> out = new ArrayList<>();
    int seen = 0;
    long t = 0;
    for (Chunk c : chunks) {
      t = c.tMs();
      if (c.eof()) {
        continue;
      }
      if (c.direction() != Direction.ASTERISK_TO_APP) {
        out.add(c);
        continue;
      }
      if (seen >= keepBytes) {
        break;
      }
      int take = Math.min(c.length(), keepBytes - seen);
      out.add(new Chunk(c.direction(), c.tMs(), Arrays.copyOf(c.raw(), take), false));
      seen += take;
      if (seen >= keepBytes) {
        break;
      }
    }
    out.add(new Chunk(Direction.ASTERISK_TO_APP, t, new byte[0], true));
    return new Transcript(name + "[asterisk cut at " + keepBytes + "]", out);
  }

  /**
   * A copy in which Asterisk sends {@code extra} at offset {@code asteriskOffset} of its byte
   * stream (splitting a chunk if needed); everything else is unchanged. For garbage injection: an
   * overlong line, bytes that are not UTF-8, a line without its terminator.
   */
  public Transcript insertAsterisk(int asteriskOffset, byte[] extra) {
    List<Chunk> out = new ArrayList<>();
    int seen = 0;
    boolean done = false;
    for (Chunk c : chunks) {
      if (!done && c.direction() == Direction.ASTERISK_TO_APP) {
        if (!c.eof() && asteriskOffset <= seen + c.length()) {
          int split = asteriskOffset - seen;
          if (split > 0) {
            out.add(new Chunk(c.direction(), c.tMs(), Arrays.copyOf(c.raw(), split), false));
          }
          out.add(new Chunk(c.direction(), c.tMs(), extra, false));
          if (split < c.length()) {
            out.add(
                new Chunk(
                    c.direction(), c.tMs(), Arrays.copyOfRange(c.raw(), split, c.length()), false));
          }
          seen += c.length();
          done = true;
          continue;
        }
        if (c.eof()) {
          out.add(new Chunk(c.direction(), c.tMs(), extra, false));
          done = true;
        } else {
          seen += c.length();
        }
      }
      out.add(c);
    }
    if (!done) {
      throw new IllegalArgumentException(
          "offset " + asteriskOffset + " is past Asterisk's " + seen + " bytes");
    }
    return new Transcript(name + "[+" + extra.length + " bytes at " + asteriskOffset + "]", out);
  }

  @Override
  public String toString() {
    return "Transcript[" + name + ", " + chunks.size() + " chunks]";
  }

  /** Builds a transcript by hand; {@code t_ms} is 0 unless set with {@link #at}. */
  public static final class Builder {
    private final String name;
    private final List<Chunk> chunks = new ArrayList<>();
    private long t;

    private Builder(String name) {
      this.name = name;
    }

    /** The {@code t_ms} of the following chunks. */
    public Builder at(long tMs) {
      this.t = tMs;
      return this;
    }

    public Builder asterisk(String text) {
      return asterisk(text.getBytes(StandardCharsets.UTF_8));
    }

    public Builder asterisk(byte[] bytes) {
      chunks.add(new Chunk(Direction.ASTERISK_TO_APP, t, bytes, false));
      return this;
    }

    public Builder app(String text) {
      return app(text.getBytes(StandardCharsets.UTF_8));
    }

    public Builder app(byte[] bytes) {
      chunks.add(new Chunk(Direction.APP_TO_ASTERISK, t, bytes, false));
      return this;
    }

    public Builder asteriskEof() {
      chunks.add(new Chunk(Direction.ASTERISK_TO_APP, t, new byte[0], true));
      return this;
    }

    public Builder appEof() {
      chunks.add(new Chunk(Direction.APP_TO_ASTERISK, t, new byte[0], true));
      return this;
    }

    public Transcript build() {
      return new Transcript(name, chunks);
    }
  }
}
