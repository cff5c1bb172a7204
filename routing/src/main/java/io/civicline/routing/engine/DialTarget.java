package io.civicline.routing.engine;

/**
 * One device to ring: a staff member's app (a client identity) or a phone number.
 *
 * @param staffId the staff member it belongs to, or null for an outside number
 */
public record DialTarget(Kind kind, String address, String staffId) {
  public enum Kind {
    CLIENT,
    NUMBER
  }

  public static DialTarget client(String staffId) {
    return new DialTarget(Kind.CLIENT, staffId, staffId);
  }

  public static DialTarget number(String e164, String staffId) {
    return new DialTarget(Kind.NUMBER, e164, staffId);
  }
}
