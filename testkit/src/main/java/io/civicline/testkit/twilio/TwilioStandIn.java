package io.civicline.testkit.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.civicline.testkit.twilio.CallerScript.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Twilio, for tests and the demo. It serves the subset of the REST API
 * CivicLine uses (Calls, live call modification, Messages, Recordings) on a loopback port, and it
 * plays the resident's side of calls: it sends correctly signed voice webhooks exactly like Twilio
 * and follows the TwiML it gets back.
 *
 * <pre>{@code
 * try (TwilioStandIn twilio = TwilioStandIn.start("AC...", "token")) {
 *   CallTranscript call =
 *       twilio.call(appUrl + "/twilio/voice", "+15005550006", "+15551230000",
 *           CallerScript.pressing("1"));
 *   System.out.println(call);
 * }
 * }</pre>
 */
public final class TwilioStandIn implements AutoCloseable {
  private static final Pattern ACCOUNT_PATH =
      Pattern.compile("^/2010-04-01/Accounts/([^/]+)/(.+)$");
  private static final Pattern CALL = Pattern.compile("^Calls/(CA[0-9a-f]{32})\\.json$");
  private static final Pattern MESSAGE = Pattern.compile("^Messages/(SM[0-9a-f]{32})\\.json$");
  private static final Pattern MEDIA =
      Pattern.compile("^Messages/(MM[0-9a-f]{32})/Media/(ME[0-9a-f]{32})$");
  private static final Pattern RECORDING =
      Pattern.compile("^Recordings/(RE[0-9a-f]{32})(\\.json|\\.wav|\\.mp3)?$");

  /** One REST request the stand-in received, with the status it answered. */
  public record RestRequest(String method, String path, Map<String, String> params, int status) {}

  /** A message sent through {@code POST Messages.json}. */
  public record SentMessage(
      String sid,
      String from,
      String to,
      String body,
      String statusCallback,
      Instant dateCreated) {}

  /** The answer a webhook got: HTTP status (-1 when unreachable) and body. */
  public record WebhookReply(int status, String body) {}

  /** An inbound text the stand-in delivered: its sid and the exact parameters posted. */
  public record InboundText(String messageSid, Map<String, String> params, WebhookReply reply) {}

  /** An MMS attachment a resident sends. */
  public record Media(String contentType, byte[] content) {}

  private record StoredMedia(String messageSid, String contentType, byte[] content) {}

  /** Who answers an outbound REST call to a number, and what they do. */
  private record Callee(Outcome outcome, CallerScript script) {}

  private record FailRule(Pattern path, int status, AtomicInteger remaining) {}

  private record StoredRecording(String sid, String callSid, int seconds, Instant created) {}

  private final String accountSid;
  private final String authToken;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient webhooks =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(executor)
          .build();
  private final List<RestRequest> requests = new CopyOnWriteArrayList<>();
  private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
  private final List<FailRule> failRules = new CopyOnWriteArrayList<>();
  private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
  private final Map<String, StoredRecording> recordings = new ConcurrentHashMap<>();
  private final Map<String, String> queues = new ConcurrentHashMap<>();
  private final Map<String, Callee> callees = new ConcurrentHashMap<>();
  private final Map<String, StoredMedia> media = new ConcurrentHashMap<>();
  private final TextingPeer texting;
  private volatile Consumer<RestRequest> requestListener = r -> {};

  private TwilioStandIn(String accountSid, String authToken, int port) throws IOException {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    texting = new TextingPeer(this, webhooks);
    server.start();
  }

  /** Starts the stand-in on a free loopback port, with these credentials. */
  public static TwilioStandIn start(String accountSid, String authToken) {
    return start(accountSid, authToken, 0);
  }

  /**
   * Starts the stand-in on this loopback port (0 = a free one), with these credentials.
   *
   * @throws UncheckedIOException wrapping a {@link java.net.BindException} if the port is taken
   */
  public static TwilioStandIn start(String accountSid, String authToken, int port) {
    try {
      return new TwilioStandIn(accountSid, authToken, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the REST API is served, e.g. {@code http://127.0.0.1:41234}; no trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String accountSid() {
    return accountSid;
  }

  public String authToken() {
    return authToken;
  }

  // ---------------------------------------------------------------- simulated calls

  /**
   * Simulates an inbound call: a resident calls {@code to} from {@code from}; Twilio POSTs the
   * voice webhook and the caller follows the TwiML. Runs synchronously to the end of the call.
   */
  public CallTranscript call(String voiceWebhookUrl, String from, String to, CallerScript script) {
    return call(voiceWebhookUrl, "POST", from, to, script);
  }

  /**
   * Records the leg a {@code <Dial>} opened to the party who answered, so {@code GET
   * Calls/<DialCallSid>.json} shows whom it reached, as Twilio does.
   */
  void dialLeg(String sid, String from, String to) {
    calls.put(sid, new LiveCall(sid, from, to, "outbound-dial", "completed"));
  }

  /** Like {@link #call(String, String, String, CallerScript)} with the webhook's HTTP method. */
  public CallTranscript call(
      String voiceWebhookUrl, String method, String from, String to, CallerScript script) {
    LiveCall call = new LiveCall(Wire.sid("CA"), from, to, "inbound", "ringing");
    calls.put(call.sid, call);
    Map<String, String> details = new LinkedHashMap<>();
    details.putAll(place("From", "SPRINGFIELD", "IL", "62701"));
    details.putAll(place("To", "SPRINGFIELD", "IL", "62701"));
    details.putAll(place("Caller", "SPRINGFIELD", "IL", "62701"));
    details.putAll(place("Called", "SPRINGFIELD", "IL", "62701"));
    CallTranscript transcript =
        new CallRun(this, webhooks, call, script, details, null).run(voiceWebhookUrl, method, null);
    call.done.complete(transcript);
    return transcript;
  }

  private static Map<String, String> place(String prefix, String city, String state, String zip) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(prefix + "City", city);
    out.put(prefix + "State", state);
    out.put(prefix + "Zip", zip);
    out.put(prefix + "Country", "US");
    return out;
  }

  /** Outbound REST calls to {@code to} are answered, and the callee follows {@code script}. */
  public void answer(String to, CallerScript script) {
    callees.put(to, new Callee(Outcome.ANSWERED, script));
  }

  /** Outbound REST calls to {@code to} end with this status (NO_ANSWER, BUSY, FAILED). */
  public void dontAnswer(String to, Outcome outcome) {
    callees.put(to, new Callee(outcome, CallerScript.caller()));
  }

  /** Waits until the (inbound or outbound) call with this SID has ended; returns its transcript. */
  public CallTranscript awaitCall(String callSid, Duration timeout) {
    LiveCall call = calls.get(callSid);
    if (call == null) {
      throw new IllegalArgumentException("no call " + callSid);
    }
    try {
      return call.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("call " + callSid + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("call " + callSid + " still running after " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The SIDs of calls placed through {@code POST Calls.json}, oldest first. */
  public List<String> placedCalls() {
    return outboundCalls().stream().map(call -> call.sid).toList();
  }

  /** The status Twilio would report for this call now, e.g. {@code in-progress}. */
  public String callStatus(String callSid) {
    LiveCall call = calls.get(callSid);
    return call == null ? null : call.status;
  }

  // ---------------------------------------------------------------- simulated texts

  /**
   * Simulates a resident's text: Twilio POSTs the signed "a message comes in" webhook to {@code
   * smsWebhookUrl}. Attachments are kept by the stand-in and served, like Twilio, under {@code
   * Messages/<MM>/Media/<ME>} to authenticated requests.
   */
  public InboundText text(
      String smsWebhookUrl, String from, String to, String body, Media... attachments) {
    String sid = Wire.sid(attachments.length == 0 ? "SM" : "MM");
    List<String> urls = new java.util.ArrayList<>();
    List<String> types = new java.util.ArrayList<>();
    for (Media attachment : attachments) {
      String mediaSid = Wire.sid("ME");
      media.put(mediaSid, new StoredMedia(sid, attachment.contentType(), attachment.content()));
      urls.add(baseUrl() + accountUri("Messages/" + sid + "/Media/" + mediaSid));
      types.add(attachment.contentType());
    }
    Map<String, String> params = texting.inbound(sid, from, to, body, urls, types);
    return new InboundText(sid, params, texting.signedPost(smsWebhookUrl, params));
  }

  /** Delivers the same text again, as Twilio does when it retries a webhook. */
  public WebhookReply redeliver(String smsWebhookUrl, InboundText text) {
    return texting.signedPost(smsWebhookUrl, text.params());
  }

  /** Posts any webhook with a signature of the caller's choosing (e.g. a forged one). */
  public WebhookReply postWithSignature(String url, Map<String, String> params, String signature) {
    return texting.post(url, params, signature);
  }

  /**
   * Reports a sent text's delivery status ({@code sent}, {@code delivered}, {@code undelivered},
   * {@code failed}) to the status callback it was sent with, signed like Twilio.
   *
   * @param errorCode Twilio's error code for failures, or null
   */
  public WebhookReply reportStatus(String messageSid, String status, String errorCode) {
    SentMessage message =
        messages.stream()
            .filter(m -> m.sid().equals(messageSid))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no sent message " + messageSid));
    if (message.statusCallback() == null) {
      throw new IllegalStateException("message " + messageSid + " has no status callback");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", accountSid);
    params.put("ApiVersion", "2010-04-01");
    params.put("From", message.from());
    params.put("To", message.to());
    params.put("MessageSid", messageSid);
    params.put("SmsSid", messageSid);
    params.put("MessageStatus", status);
    params.put("SmsStatus", status);
    if (errorCode != null) {
      params.put("ErrorCode", errorCode);
    }
    return texting.signedPost(message.statusCallback(), params);
  }

  // ---------------------------------------------------------------- assertions and faults

  /** Every REST request received so far, in order. */
  public List<RestRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every message sent through the REST API so far, in order. */
  public List<SentMessage> sentMessages() {
    return List.copyOf(messages);
  }

  /**
   * The next {@code times} REST requests whose path matches {@code pathPattern} (a regex found
   * anywhere in the path, e.g. {@code "Messages\\.json"}) fail with {@code status} and a
   * Twilio-style error body (code 20000 + status, e.g. 20503), after authentication.
   */
  public void failNext(String pathPattern, int status, int times) {
    failRules.add(new FailRule(Pattern.compile(pathPattern), status, new AtomicInteger(times)));
  }

  // ---------------------------------------------------------------- used by StandInMain

  /** Serves {@code pathPrefix} (e.g. {@code /_standin/}) with another handler on the same port. */
  void serve(String pathPrefix, HttpHandler handler) {
    server.createContext(pathPrefix, handler);
  }

  /** Called after every REST request has been answered. */
  void onRequest(Consumer<RestRequest> listener) {
    this.requestListener = listener;
  }

  /** Calls placed through {@code POST Calls.json}, oldest first. */
  List<LiveCall> outboundCalls() {
    return calls.values().stream()
        .filter(c -> c.direction.equals("outbound-api"))
        .sorted(Comparator.comparing((LiveCall c) -> c.created))
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- used by CallRun

  String storeRecording(String callSid, int seconds) {
    String sid = Wire.sid("RE");
    recordings.put(sid, new StoredRecording(sid, callSid, seconds, Instant.now()));
    return sid;
  }

  /** Twilio's RecordingUrl: the recording resource without extension. */
  String recordingUrl(String recordingSid) {
    return baseUrl() + "/2010-04-01/Accounts/" + accountSid + "/Recordings/" + recordingSid;
  }

  String queueSid(String name) {
    return queues.computeIfAbsent(name, n -> Wire.sid("QU"));
  }

  // ---------------------------------------------------------------- REST

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Map<String, String> params =
          new LinkedHashMap<>(Wire.formDecode(exchange.getRequestURI().getRawQuery()));
      try (InputStream in = exchange.getRequestBody()) {
        params.putAll(Wire.formDecode(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
      Reply reply = route(exchange, method, path, params);
      RestRequest request = new RestRequest(method, path, Map.copyOf(params), reply.status);
      requests.add(request);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType);
      exchange.getResponseHeaders().set("Twilio-Request-Id", Wire.sid("RQ"));
      exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
      // Heard before answering, so a client that got the answer finds the request recorded.
      requestListener.accept(request);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body);
      }
    }
  }

  private record Reply(int status, String contentType, byte[] body) {
    static Reply json(int status, Object value) {
      return new Reply(
          status, "application/json", Wire.json(value).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Reply route(
      HttpExchange exchange, String method, String path, Map<String, String> params) {
    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
      return error(401, 20003, "Authenticate");
    }
    for (FailRule rule : failRules) {
      if (rule.path().matcher(path).find() && rule.remaining().getAndDecrement() > 0) {
        return error(rule.status(), 20000 + rule.status(), "Injected failure (stand-in failNext)");
      }
    }
    Matcher m = ACCOUNT_PATH.matcher(path);
    if (!m.matches() || !m.group(1).equals(accountSid)) {
      return notFound(path);
    }
    String resource = m.group(2);
    boolean post = method.equals("POST");
    boolean get = method.equals("GET");
    if (resource.equals("Calls.json") && post) {
      return createCall(params);
    }
    if (resource.equals("Messages.json") && post) {
      return createMessage(params);
    }
    Matcher call = CALL.matcher(resource);
    if (call.matches() && calls.containsKey(call.group(1)) && (get || post)) {
      LiveCall live = calls.get(call.group(1));
      return post ? updateCall(live, params) : Reply.json(200, callJson(live));
    }
    Matcher message = MESSAGE.matcher(resource);
    if (message.matches() && get) {
      return messages.stream()
          .filter(s -> s.sid().equals(message.group(1)))
          .findFirst()
          .map(s -> Reply.json(200, messageJson(s)))
          .orElseGet(() -> notFound(path));
    }
    Matcher mediaPath = MEDIA.matcher(resource);
    if (mediaPath.matches() && get && media.containsKey(mediaPath.group(2))) {
      StoredMedia item = media.get(mediaPath.group(2));
      if (item.messageSid().equals(mediaPath.group(1))) {
        return new Reply(200, item.contentType(), item.content());
      }
    }
    Matcher recording = RECORDING.matcher(resource);
    if (recording.matches() && get && recordings.containsKey(recording.group(1))) {
      StoredRecording rec = recordings.get(recording.group(1));
      String ext = recording.group(2) == null ? ".wav" : recording.group(2);
      return switch (ext) {
        case ".json" -> Reply.json(200, recordingJson(rec));
        case ".mp3" -> new Reply(200, "audio/mpeg", Audio.mp3(rec.seconds()));
        default -> new Reply(200, "audio/x-wav", Audio.wav(rec.seconds()));
      };
    }
    return notFound(path);
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      return decoded.equals(accountSid + ":" + authToken);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Reply error(int status, int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    body.put("status", status);
    return Reply.json(status, body);
  }

  private static Reply notFound(String path) {
    return error(404, 20404, "The requested resource " + path + " was not found");
  }

  private Reply createCall(Map<String, String> params) {
    String to = params.get("To");
    String from = params.get("From");
    String url = params.get("Url");
    String twiml = params.get("Twiml");
    if (to == null || to.isBlank()) {
      return error(400, 21201, "No 'To' number is specified");
    }
    if (from == null || from.isBlank()) {
      return error(400, 21213, "No 'From' number is specified");
    }
    if ((url == null || url.isBlank()) && (twiml == null || twiml.isBlank())) {
      return error(400, 21205, "Url parameter is required");
    }
    LiveCall call = new LiveCall(Wire.sid("CA"), from, to, "outbound-api", "queued");
    calls.put(call.sid, call);
    Reply reply = Reply.json(201, callJson(call));
    Callee callee = callees.getOrDefault(to, new Callee(Outcome.ANSWERED, CallerScript.caller()));
    String method = params.getOrDefault("Method", "POST");
    CallerScript script = callee.script();
    String statusCallback = blankToNull(params.get("StatusCallback"));
    executor.execute(
        () -> {
          try {
            call.status = "ringing";
            CallRun run = new CallRun(this, webhooks, call, script, Map.of(), statusCallback);
            CallTranscript transcript =
                callee.outcome() == Outcome.ANSWERED
                    ? run.run(
                        url != null && !url.isBlank() ? url : baseUrl(), method, blankToNull(twiml))
                    : run.unanswered(callee.outcome());
            call.done.complete(transcript);
          } catch (RuntimeException e) {
            call.done.completeExceptionally(e);
          }
        });
    return reply;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private Reply updateCall(LiveCall call, Map<String, String> params) {
    String status = params.get("Status");
    String url = blankToNull(params.get("Url"));
    String twiml = blankToNull(params.get("Twiml"));
    if (!call.isLive()) {
      return error(400, 21220, "Call is not in-progress. Cannot redirect.");
    }
    if ("completed".equals(status) || "canceled".equals(status)) {
      call.modify(new LiveCall.Modification(null, null, null, true));
    } else if (url != null || twiml != null) {
      call.modify(
          new LiveCall.Modification(url, params.getOrDefault("Method", "POST"), twiml, false));
    } else {
      return error(
          400, 21218, "Invalid or missing parameters: one of Url, Twiml or Status is required");
    }
    return Reply.json(200, callJson(call));
  }

  private Reply createMessage(Map<String, String> params) {
    String to = params.get("To");
    String from = params.getOrDefault("From", params.get("MessagingServiceSid"));
    String body = params.get("Body");
    if (to == null || to.isBlank()) {
      return error(400, 21604, "A 'To' phone number is required.");
    }
    if (from == null || from.isBlank()) {
      return error(400, 21603, "A 'From' phone number is required.");
    }
    if ((body == null || body.isEmpty()) && !params.containsKey("MediaUrl")) {
      return error(400, 21602, "Message body is required.");
    }
    SentMessage message =
        new SentMessage(
            Wire.sid("SM"),
            from,
            to,
            body == null ? "" : body,
            params.get("StatusCallback"),
            Instant.now());
    messages.add(message);
    return Reply.json(201, messageJson(message));
  }

  // ---------------------------------------------------------------- JSON shapes

  private String accountUri(String rest) {
    return "/2010-04-01/Accounts/" + accountSid + "/" + rest;
  }

  private Map<String, Object> callJson(LiveCall call) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("account_sid", accountSid);
    json.put("annotation", null);
    json.put("answered_by", null);
    json.put("api_version", "2010-04-01");
    json.put("caller_name", null);
    json.put("date_created", Wire.date(call.created));
    json.put("date_updated", Wire.date(call.ended != null ? call.ended : call.created));
    json.put("direction", call.direction);
    json.put("duration", call.ended == null ? null : Integer.toString(call.durationSeconds));
    json.put("end_time", Wire.date(call.ended));
    json.put("forwarded_from", null);
    json.put("from", call.from);
    json.put("from_formatted", call.from);
    json.put("group_sid", null);
    json.put("parent_call_sid", null);
    json.put("phone_number_sid", null);
    json.put("price", null);
    json.put("price_unit", "USD");
    json.put("queue_time", "0");
    json.put("sid", call.sid);
    json.put("start_time", Wire.date(call.started));
    json.put("status", call.status);
    json.put(
        "subresource_uris",
        Map.of(
            "recordings", accountUri("Calls/" + call.sid + "/Recordings.json"),
            "notifications", accountUri("Calls/" + call.sid + "/Notifications.json")));
    json.put("to", call.to);
    json.put("to_formatted", call.to);
    json.put("trunk_sid", null);
    json.put("uri", accountUri("Calls/" + call.sid + ".json"));
    return json;
  }

  private Map<String, Object> messageJson(SentMessage m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("account_sid", accountSid);
    json.put("api_version", "2010-04-01");
    json.put("body", m.body());
    json.put("date_created", Wire.date(m.dateCreated()));
    json.put("date_sent", null);
    json.put("date_updated", Wire.date(m.dateCreated()));
    json.put("direction", "outbound-api");
    json.put("error_code", null);
    json.put("error_message", null);
    json.put("from", m.from());
    json.put("messaging_service_sid", null);
    json.put("num_media", "0");
    json.put("num_segments", "1");
    json.put("price", null);
    json.put("price_unit", "USD");
    json.put("sid", m.sid());
    json.put("status", "queued");
    json.put(
        "subresource_uris", Map.of("media", accountUri("Messages/" + m.sid() + "/Media.json")));
    json.put("to", m.to());
    json.put("uri", accountUri("Messages/" + m.sid() + ".json"));
    return json;
  }

  private Map<String, Object> recordingJson(StoredRecording r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("account_sid", accountSid);
    json.put("api_version", "2010-04-01");
    json.put("call_sid", r.callSid());
    json.put("conference_sid", null);
    json.put("channels", 1);
    json.put("date_created", Wire.date(r.created()));
    json.put("date_updated", Wire.date(r.created()));
    json.put("start_time", Wire.date(r.created()));
    json.put("duration", Integer.toString(r.seconds()));
    json.put("encryption_details", null);
    json.put("error_code", null);
    json.put("price", null);
    json.put("price_unit", "USD");
    json.put("sid", r.sid());
    json.put("source", "RecordVerb");
    json.put("status", "completed");
    json.put("track", "both");
    json.put("media_url", recordingUrl(r.sid()));
    json.put("uri", accountUri("Recordings/" + r.sid() + ".json"));
    return json;
  }
}
