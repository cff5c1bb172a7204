package io.civicline.signaling.asterisk.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message from Asterisk: a response ({@code Response: ...} first) or an event ({@code Event:
 * ...} first). Headers keep their wire order; keys are matched case-insensitively because Asterisk
 * itself treats them so. A key may repeat ({@code Output:} lines of a {@code Command} response).
 */
public final class AmiMessage {
  private final List<Map.Entry<String, String>> headers;

  AmiMessage(List<Map.Entry<String, String>> headers) {
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("an AMI message has at least one header");
    }
    this.headers = List.copyOf(headers);
  }

  /** For tests and hand-made messages: {@code of("Event", "Hangup", "Cause", "16")}. */
  public static AmiMessage of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    List<Map.Entry<String, String>> list = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      list.add(Map.entry(keysAndValues[i], keysAndValues[i + 1]));
    }
    return new AmiMessage(list);
  }

  /** The value of the first header named {@code key} (any case), or null. */
  public String get(String key) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(key)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Every value of {@code key} in wire order (e.g. the {@code Output} lines of a command). */
  public List<String> getAll(String key) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(key)) {
        values.add(h.getValue());
      }
    }
    return values;
  }

  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** True for a response: its first header is {@code Response}. */
  public boolean isResponse() {
    return headers.get(0).getKey().equalsIgnoreCase("Response");
  }

  /** True for an event: its first header is {@code Event}. */
  public boolean isEvent() {
    return headers.get(0).getKey().equalsIgnoreCase("Event");
  }

  /** {@code Success}, {@code Error}, {@code Goodbye}... for a response, null for an event. */
  public String response() {
    return isResponse() ? headers.get(0).getValue() : null;
  }

  /** The event name ({@code Hangup}, {@code DeviceStateChange}...), null for a response. */
  public String event() {
    return isEvent() ? headers.get(0).getValue() : null;
  }

  /** True for the event named {@code name} (any case). */
  public boolean isEvent(String name) {
    return isEvent() && headers.get(0).getValue().equalsIgnoreCase(name);
  }

  public String actionId() {
    return get("ActionID");
  }

  /** The {@code Message} header (the human-readable outcome of an action), or null. */
  public String message() {
    return get("Message");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmiMessage other && other.headers.equals(headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(headers);
  }

  /** Compact single-line form for logs (values are what Asterisk sent; it never sends secrets). */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("AmiMessage[");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(headers.get(i).getKey()).append('=').append(headers.get(i).getValue());
    }
    return AmiLog.excerpt(b.append(']').toString(), 400);
  }
}
