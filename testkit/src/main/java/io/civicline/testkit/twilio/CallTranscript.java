package io.civicline.testkit.twilio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What happened on one simulated call, in order: readable lines ({@link #toString()} prints them,
 * one per line) plus structured access to what the caller heard and every webhook sent.
 */
public final class CallTranscript {
  /** Something the caller heard: {@code say} (text) or {@code play} (audio URL). */
  public record Heard(String kind, String text, String language, String voice) {}

  /**
   * One signed webhook request and the app's answer. {@code status} is -1 when the request could
   * not be made (connection refused, timeout).
   */
  public record Webhook(
      String method,
      String url,
      Map<String, String> params,
      String signature,
      int status,
      String body) {

    /** The URL's path, e.g. {@code /twilio/voice}. */
    public String path() {
      return java.net.URI.create(url).getPath();
    }

    public String param(String name) {
      return params.get(name);
    }
  }

  private final String callSid;
  private final String from;
  private final String to;
  private final String direction;
  private final List<String> lines = new ArrayList<>();
  private final List<Heard> heard = new ArrayList<>();
  private final List<Webhook> webhooks = new ArrayList<>();
  private final List<String> recordingSids = new ArrayList<>();
  private String finalStatus = "in-progress";
  private int durationSeconds;
  private boolean applicationError;

  CallTranscript(String callSid, String from, String to, String direction) {
    this.callSid = callSid;
    this.from = from;
    this.to = to;
    this.direction = direction;
  }

  public String callSid() {
    return callSid;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  /** {@code inbound} or {@code outbound-api}. */
  public String direction() {
    return direction;
  }

  public List<String> lines() {
    return Collections.unmodifiableList(lines);
  }

  public List<Heard> heard() {
    return Collections.unmodifiableList(heard);
  }

  /** The texts of every Say the caller heard, in order (including Says nested in Gather). */
  public List<String> heardTexts() {
    return heard.stream().filter(h -> h.kind().equals("say")).map(Heard::text).toList();
  }

  /** The URLs of every Play the caller heard, in order. */
  public List<String> playedUrls() {
    return heard.stream().filter(h -> h.kind().equals("play")).map(Heard::text).toList();
  }

  public List<Webhook> webhooks() {
    return Collections.unmodifiableList(webhooks);
  }

  /** The webhooks sent to this URL path, e.g. {@code webhooksTo("/voice/menu")}. */
  public List<Webhook> webhooksTo(String path) {
    return webhooks.stream().filter(w -> w.path().equals(path)).toList();
  }

  /** {@code completed}, {@code busy}, {@code no-answer}, {@code failed} (Twilio's words). */
  public String finalStatus() {
    return finalStatus;
  }

  /** Simulated call length in seconds, as sent in the status callback's CallDuration. */
  public int durationSeconds() {
    return durationSeconds;
  }

  public List<String> recordingSids() {
    return Collections.unmodifiableList(recordingSids);
  }

  /** Whether the call hit an application error (bad HTTP status, unparsable TwiML, loop). */
  public boolean applicationError() {
    return applicationError;
  }

  void line(String line) {
    lines.add(line);
  }

  void heard(Heard h) {
    heard.add(h);
  }

  void webhook(Webhook w) {
    webhooks.add(w);
  }

  void recording(String sid) {
    recordingSids.add(sid);
  }

  void end(String status, int seconds) {
    this.finalStatus = status;
    this.durationSeconds = seconds;
  }

  void markApplicationError() {
    this.applicationError = true;
  }

  @Override
  public String toString() {
    return String.join(System.lineSeparator(), lines);
  }
}
