package io.civicline.testkit.asterisk;

/** Who sent a chunk of a recorded Asterisk connection. */
public enum Direction {
  /**
   * Bytes (or the EOF) Asterisk sent: the FastAGI environment and replies, AMI responses/events.
   */
  ASTERISK_TO_APP("asterisk->app"),
  /** Bytes (or the EOF) the application sent: FastAGI commands, AMI actions. */
  APP_TO_ASTERISK("app->asterisk");

  private final String wire;

  Direction(String wire) {
    this.wire = wire;
  }

  /**
   * The spelling used in the {@code .jsonl} files: {@code asterisk->app} or {@code app->asterisk}.
   */
  public String wire() {
    return wire;
  }

  /** Parses the {@code .jsonl} spelling. */
  public static Direction fromWire(String value) {
    for (Direction d : values()) {
      if (d.wire.equals(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown direction: " + value);
  }

  @Override
  public String toString() {
    return wire;
  }
}
