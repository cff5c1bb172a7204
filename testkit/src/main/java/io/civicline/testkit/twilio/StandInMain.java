package io.civicline.testkit.twilio;

import com.sun.net.httpserver.HttpExchange;
import io.civicline.testkit.twilio.CallerScript.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Runs the {@link TwilioStandIn} as a process for demos ({@code ./civicline run} starts it when no
 * real Twilio is configured), plus a small control API on the same port that is not part of
 * Twilio's:
 *
 * <ul>
 *   <li>{@code POST /_standin/calls} with JSON {@code {"url": ".../twilio/voice", "to": "+1...",
 *       "from": "+1...", "inputs": ["1", "say:clerk", "silence", "record:8", "hangup"],
 *       "statusCallback": "...", "dial": "no-answer"}} plays one inbound call to its end and
 *       answers its transcript as {@code text/plain}, one line per event;
 *   <li>{@code GET /_standin/messages}: the texts sent through the REST API, as JSON;
 *   <li>{@code GET /_standin/calls}: the outbound calls placed through the REST API (callbacks),
 *       with their transcripts once finished, as JSON.
 * </ul>
 *
 * <p>Inputs, one per {@code <Gather>} or {@code <Record>}: digits ({@code 1}, {@code 1234#}),
 * {@code say:words}, {@code silence}, {@code record:SECONDS}, {@code hangup}. A Record without its
 * own input records {@value #DEMO_RECORD_SECONDS} s; dialled people do not answer unless {@code
 * dial} says otherwise ({@code answered}, {@code busy}, {@code failed}).
 *
 * <pre>
 * java -cp "civicline-testkit.jar:lib/*" io.civicline.testkit.twilio.StandInMain \
 *     --port 0 --account-sid AC... --auth-token-file var/twilio-demo/auth-token \
 *     --ready-file var/twilio-standin.port
 * </pre>
 *
 * <p>Listens on 127.0.0.1 only and has no authentication of its own on the control API: it is a
 * local demo tool. Logs one line per request to stdout, never the auth token or request bodies.
 */
public final class StandInMain implements AutoCloseable {
  static final String DEFAULT_FROM = "+12075550123";
  static final int DEMO_RECORD_SECONDS = 5;
  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,15}|client:[\\w.@-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9*#w]+");
  private static final Pattern RECORD = Pattern.compile("record:([0-9]{1,4})");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private final TwilioStandIn standIn;
  private final PrintStream log;

  private StandInMain(TwilioStandIn standIn, PrintStream log) {
    this.standIn = standIn;
    this.log = log;
    standIn.onRequest(r -> log(r.method() + " " + r.path() + " -> " + r.status()));
    standIn.serve("/_standin/", this::control);
  }

  /** Starts the stand-in and its control API on this loopback port (0 = a free one). */
  static StandInMain start(String accountSid, String authToken, int port, PrintStream log) {
    return new StandInMain(TwilioStandIn.start(accountSid, authToken, port), log);
  }

  TwilioStandIn standIn() {
    return standIn;
  }

  String baseUrl() {
    return standIn.baseUrl();
  }

  @Override
  public void close() {
    standIn.close();
  }

  // ---------------------------------------------------------------- command line

  record Options(int port, String accountSid, Path authTokenFile, Path readyFile) {}

  public static void main(String[] args) {
    PrintStream log = System.out;
    Options options;
    String token;
    try {
      options = parse(args);
      token = readToken(options.authTokenFile());
    } catch (IllegalArgumentException e) {
      System.err.println("twilio-standin: " + e.getMessage());
      System.err.println(
          "usage: StandInMain --port N --account-sid AC... --auth-token-file PATH"
              + " [--ready-file PATH]");
      System.exit(2);
      return;
    }
    StandInMain main;
    try {
      main = start(options.accountSid(), token, options.port(), log);
    } catch (UncheckedIOException e) {
      String why =
          e.getCause() instanceof BindException
              ? "port " + options.port() + " is already in use on 127.0.0.1"
              : e.getCause().toString();
      System.err.println("twilio-standin: cannot listen: " + why);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  main.log("stopping");
                  main.close();
                  if (options.readyFile() != null) {
                    try {
                      Files.deleteIfExists(options.readyFile());
                    } catch (IOException ignored) {
                      // best effort: the launcher removes it before the next start anyway
                    }
                  }
                  main.log("stopped");
                  stopped.countDown();
                },
                "twilio-standin-shutdown"));
    main.log(
        "Twilio stand-in for account "
            + options.accountSid()
            + " listening on "
            + main.baseUrl()
            + " (REST API under /2010-04-01/, control API under /_standin/)");
    if (options.readyFile() != null) {
      try {
        writeAtomically(options.readyFile(), main.standIn.port() + "\n");
      } catch (IOException e) {
        System.err.println("twilio-standin: cannot write " + options.readyFile() + ": " + e);
        System.exit(1);
      }
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Options parse(String[] args) {
    Integer port = null;
    String accountSid = null;
    Path tokenFile = null;
    Path readyFile = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> {
          try {
            port = Integer.valueOf(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, not " + value);
          }
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535");
          }
        }
        case "--account-sid" -> {
          if (!ACCOUNT_SID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                "--account-sid must be AC followed by 32 hex digits");
          }
          accountSid = value;
        }
        case "--auth-token-file" -> tokenFile = Path.of(value);
        case "--ready-file" -> readyFile = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (port == null || accountSid == null || tokenFile == null) {
      throw new IllegalArgumentException(
          "--port, --account-sid and --auth-token-file are required");
    }
    return new Options(port, accountSid, tokenFile, readyFile);
  }

  /** The first line of the file, trimmed; the token itself never appears in messages. */
  static String readToken(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the auth token file " + file + ": " + e);
    }
    int newline = token.indexOf('\n');
    if (newline >= 0) {
      token = token.substring(0, newline).strip();
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the auth token file " + file + " is empty");
    }
    return token;
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void log(String line) {
    synchronized (log) {
      log.println(
          LocalTime.now().truncatedTo(ChronoUnit.MILLIS).format(TIME) + " twilio-standin " + line);
      log.flush();
    }
  }

  // ---------------------------------------------------------------- control API

  /** A request the control API refuses, with the HTTP status to answer. */
  private static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private void control(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int status;
      String contentType;
      String answer;
      String note = "";
      try {
        switch (path) {
          case "/_standin/calls", "/_standin/calls/" -> {
            if (method.equals("POST")) {
              CallTranscript transcript = simulateCall(body);
              answer = String.join("\n", transcript.lines()) + "\n";
              contentType = "text/plain; charset=utf-8";
              note =
                  " ("
                      + transcript.callSid()
                      + " to "
                      + transcript.to()
                      + ": "
                      + transcript.finalStatus()
                      + ", "
                      + transcript.lines().size()
                      + " events"
                      + (transcript.applicationError() ? ", application error" : "")
                      + ")";
            } else if (method.equals("GET")) {
              answer = Wire.json(outboundCalls()) + "\n";
              contentType = "application/json";
            } else {
              throw new Refused(405, "use GET or POST on " + path);
            }
          }
          case "/_standin/messages", "/_standin/messages/" -> {
            if (!method.equals("GET")) {
              throw new Refused(405, "use GET on " + path);
            }
            answer = Wire.json(messages()) + "\n";
            contentType = "application/json";
          }
          default ->
              throw new Refused(
                  404,
                  "no such control endpoint: "
                      + path
                      + " (POST /_standin/calls, GET /_standin/calls, GET /_standin/messages)");
        }
        status = 200;
      } catch (Refused e) {
        status = e.status;
        contentType = "text/plain; charset=utf-8";
        answer = e.getMessage() + "\n";
        note = " (" + e.getMessage() + ")";
      } catch (RuntimeException e) {
        status = 500;
        contentType = "text/plain; charset=utf-8";
        answer = "stand-in failed: " + e + "\n";
        note = " (" + e + ")";
      }
      // Logged before answering, so whoever reads the answer finds its log line written.
      log(method + " " + path + " -> " + status + note);
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private CallTranscript simulateCall(String body) {
    Map<?, ?> request;
    try {
      if (!(Wire.parseJson(body) instanceof Map<?, ?> map)) {
        throw new Refused(400, "the body must be a JSON object");
      }
      request = map;
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "the body is not JSON: " + e.getMessage());
    }
    String url = string(request, "url", null);
    if (url == null) {
      throw new Refused(400, "\"url\" (the voice webhook, e.g. .../twilio/voice) is required");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Refused(400, "\"url\" is not a URL: " + url);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new Refused(400, "\"url\" must be an absolute http(s) URL: " + url);
    }
    String to = string(request, "to", null);
    if (to == null || !PHONE.matcher(to).matches()) {
      throw new Refused(400, "\"to\" must be a phone number such as +12695550100");
    }
    String from = string(request, "from", DEFAULT_FROM);
    if (!PHONE.matcher(from).matches()) {
      throw new Refused(400, "\"from\" must be a phone number such as " + DEFAULT_FROM);
    }
    String method = string(request, "method", "POST").toUpperCase(Locale.ROOT);
    if (!method.equals("POST") && !method.equals("GET")) {
      throw new Refused(400, "\"method\" must be POST or GET");
    }
    CallerScript script =
        CallerScript.caller()
            .defaultDialOutcome(dialOutcome(string(request, "dial", "no-answer")))
            .defaultRecordSeconds(DEMO_RECORD_SECONDS);
    Object inputs = request.get("inputs");
    if (inputs != null && !(inputs instanceof List<?>)) {
      throw new Refused(400, "\"inputs\" must be a list of strings");
    }
    for (Object input : inputs == null ? List.of() : (List<?>) inputs) {
      if (!(input instanceof String text)) {
        throw new Refused(400, "\"inputs\" must be a list of strings, not " + input);
      }
      addInput(script, text.strip());
    }
    String statusCallback = string(request, "statusCallback", null);
    if (statusCallback != null) {
      script.statusCallback(statusCallback);
    }
    return standIn.call(url, method, from, to, script);
  }

  /** Adds one caller input: digits, say:words, silence, record:SECONDS or hangup. */
  static void addInput(CallerScript script, String input) {
    String lower = input.toLowerCase(Locale.ROOT);
    var record = RECORD.matcher(lower);
    if (lower.startsWith("say:")) {
      String words = input.substring(4).strip();
      if (words.isEmpty()) {
        throw new Refused(400, "\"say:\" needs words, e.g. say:clerk");
      }
      script.say(words);
    } else if (lower.equals("silence")) {
      script.silence();
    } else if (lower.equals("hangup")) {
      script.hangUp();
    } else if (record.matches()) {
      script.recordSeconds(Integer.parseInt(record.group(1)));
    } else if (DIGITS.matcher(input).matches()) {
      script.press(input);
    } else {
      throw new Refused(
          400,
          "unknown input \""
              + input
              + "\": use digits (1, 1234#), say:words, silence, record:SECONDS or hangup");
    }
  }

  private static Outcome dialOutcome(String word) {
    for (Outcome outcome : Outcome.values()) {
      if (outcome.twilioStatus().equals(word) || outcome.name().equalsIgnoreCase(word)) {
        return outcome;
      }
    }
    if (word.equalsIgnoreCase("answered")) {
      return Outcome.ANSWERED;
    }
    throw new Refused(400, "\"dial\" must be answered, no-answer, busy or failed");
  }

  private static String string(Map<?, ?> request, String name, String fallback) {
    Object value = request.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw new Refused(400, "\"" + name + "\" must be a string");
    }
    return s.isBlank() ? fallback : s.strip();
  }

  private List<Map<String, Object>> messages() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TwilioStandIn.SentMessage m : standIn.sentMessages()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("sid", m.sid());
      json.put("from", m.from());
      json.put("to", m.to());
      json.put("body", m.body());
      json.put("statusCallback", m.statusCallback());
      json.put("dateCreated", m.dateCreated().toString());
      out.add(json);
    }
    return out;
  }

  private List<Map<String, Object>> outboundCalls() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LiveCall call : standIn.outboundCalls()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("sid", call.sid);
      json.put("from", call.from);
      json.put("to", call.to);
      json.put("status", call.status);
      json.put("dateCreated", call.created.toString());
      CallTranscript transcript = null;
      String failure = null;
      if (call.done.isDone()) {
        try {
          transcript = call.done.get();
        } catch (ExecutionException e) {
          failure = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      json.put("finished", call.done.isDone());
      json.put("durationSeconds", transcript == null ? null : transcript.durationSeconds());
      json.put("transcript", transcript == null ? null : transcript.lines());
      if (failure != null) {
        json.put("failure", failure);
      }
      out.add(json);
    }
    return out;
  }
}
