package io.civicline.signaling.asterisk.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An action to send: its name and headers in the order given. On the wire it is {@code Action:
 * <name>}, then {@code ActionID: <id>}, then the headers, each {@code Key: value\r\n}, then an
 * empty line (the layout of the recorded clients, so replays match byte for byte). Immutable.
 *
 * <p>CR and LF are refused in names, keys and values: one header value with a line break could
 * otherwise smuggle a second action (e.g. a {@code Command}) onto the manager connection.
 */
public final class AmiAction {
  /** Headers whose values must never reach a log line. */
  private static final Set<String> SECRET_KEYS = Set.of("secret", "key");

  private final String name;
  private final List<Map.Entry<String, String>> headers;

  private AmiAction(String name, List<Map.Entry<String, String>> headers) {
    this.name = name;
    this.headers = headers;
  }

  /** An action without headers, e.g. {@code AmiAction.of("Ping")}. */
  public static AmiAction of(String name) {
    checkToken("action name", name);
    return new AmiAction(name, List.of());
  }

  /** A copy with {@code key: value} appended (a key may repeat, e.g. {@code Variable}). */
  public AmiAction with(String key, String value) {
    checkToken("header key", key);
    if (key.equalsIgnoreCase("Action") || key.equalsIgnoreCase("ActionID")) {
      throw new IllegalArgumentException(key + " is set by the connection, not by the action");
    }
    checkValue(key, value);
    List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
    copy.add(Map.entry(key, value));
    return new AmiAction(name, List.copyOf(copy));
  }

  public String name() {
    return name;
  }

  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The first value of {@code key} (any case), or null. */
  public String get(String key) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(key)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** The bytes on the wire for this action with {@code actionId}. */
  byte[] encode(String actionId) {
    checkValue("ActionID", actionId);
    StringBuilder b = new StringBuilder(64 + 32 * headers.size());
    b.append("Action: ").append(name).append("\r\n");
    b.append("ActionID: ").append(actionId).append("\r\n");
    for (Map.Entry<String, String> h : headers) {
      b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** For logs: secret-bearing headers ({@code Secret}, {@code Key}) are masked. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("AmiAction[").append(name);
    for (Map.Entry<String, String> h : headers) {
      boolean secret = SECRET_KEYS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT));
      b.append(", ").append(h.getKey()).append('=').append(secret ? "***" : h.getValue());
    }
    return b.append(']').toString();
  }

  private static void checkToken(String what, String token) {
    if (token == null || token.isEmpty() || token.contains(":")) {
      throw new IllegalArgumentException(what + " must be non-empty and contain no ':'");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new IllegalArgumentException(what + " must not contain spaces or control characters");
      }
    }
  }

  private static void checkValue(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException("no value for " + key);
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      // Do not echo the value: it may be a secret.
      throw new IllegalArgumentException("value of " + key + " contains a line break");
    }
  }
}
