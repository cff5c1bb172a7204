package io.civicline.testkit.asterisk;

import io.civicline.testkit.twilio.CallerScript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A resident calling a town through a simulated Asterisk: connects to a FastAGI server the way
 * Asterisk's {@code AGI()} does and answers each command as Asterisk 22 answers it in the recorded
 * transcripts (LF-terminated lines, {@code 200 result=-1} plus the {@code HANGUP} notice when the
 * caller hangs up, {@code 511} for commands on a dead channel). The caller follows the same {@link
 * CallerScript} the Twilio stand-in follows, so one script can drive both channels.
 */
public final class AsteriskCaller {
  /** Where a caller can hang up on purpose, whatever the script says. */
  public enum Moment {
    PROMPT,
    GET_DATA,
    DIAL,
    RECORD,
    HOLD
  }

  private static final int READ_TIMEOUT_MILLIS = 20_000;
  private static final int SAMPLE_RATE = 8000;

  private final String host;
  private final int port;
  private final String script;
  private final String from;
  private final String tenant;
  private final String uniqueId;
  private final CallerScript callerScript;
  private final Map<String, String> endpoints;
  private final String spoolOnAsterisk;
  private final Path localSpool;
  private final IntConsumer onHold;
  private final Moment hangUpAt;
  private final Moment stallAt;
  private final Runnable onStall;

  private final Deque<CallerScript.Input> inputs;
  private final List<String> wire = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private final List<String> sounds = new ArrayList<>();
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<String> dials = new ArrayList<>();
  private final List<Path> recordings = new ArrayList<>();
  private final List<String> missingSounds = new ArrayList<>();
  private boolean dead;
  private boolean appHungUp;
  private OutputStream out;

  private AsteriskCaller(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.script = b.script;
    this.from = b.from;
    this.tenant = b.tenant;
    this.uniqueId = b.uniqueId;
    this.callerScript = b.callerScript;
    this.endpoints = Map.copyOf(b.endpoints);
    this.spoolOnAsterisk = b.spoolOnAsterisk;
    this.localSpool = b.localSpool;
    this.onHold = b.onHold;
    this.hangUpAt = b.hangUpAt;
    this.stallAt = b.stallAt;
    this.onStall = b.onStall;
    this.inputs = new ArrayDeque<>(callerScript.inputs());
    this.variables.putAll(b.channelVariables);
  }

  public static Builder to(String host, int port) {
    return new Builder(host, port);
  }

  /** Places the call and follows it until both sides are done. */
  private AsteriskCall place() throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      sendEnvironment();
      String line;
      while ((line = readLine(in)) != null) {
        wire.add("C> " + line);
        commands.add(line);
        answer(line);
      }
      if (!appHungUp || dead) {
        send("HANGUP");
      }
    } catch (java.net.SocketException closed) {
      // The app closed first and Asterisk's last HANGUP found no reader: as on a real channel.
    }
    return new AsteriskCall(
        wire,
        commands,
        sounds,
        variables,
        dials,
        recordings,
        dead && !appHungUp,
        appHungUp,
        missingSounds);
  }

  private void sendEnvironment() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("network", "yes");
    env.put("network_script", script);
    env.put("request", "agi://" + host + ":" + port + "/" + script);
    env.put("channel", "PJSIP/trunk-main-00000001");
    env.put("language", "en");
    env.put("type", "PJSIP");
    env.put("uniqueid", uniqueId);
    env.put("version", "22.10.1");
    env.put("callerid", from);
    env.put("calleridname", "unknown");
    env.put("callingpres", "0");
    env.put("callingani2", "0");
    env.put("callington", "0");
    env.put("callingtns", "0");
    env.put("dnid", "unknown");
    env.put("rdnis", "unknown");
    env.put("context", "civicline-inbound");
    env.put("extension", "s");
    env.put("priority", "7");
    env.put("enhanced", "0.0");
    env.put("accountcode", tenant);
    env.put("threadid", "140513343211200");
    for (Map.Entry<String, String> e : env.entrySet()) {
      send("agi_" + e.getKey() + ": " + e.getValue());
    }
    send("");
  }

  private void answer(String command) throws IOException {
    String upper = command.toUpperCase(Locale.ROOT);
    if (dead && !deadChannelCommand(upper)) {
      send("511 Command Not Permitted on a dead channel or intercept routine");
      return;
    }
    if (upper.equals("ANSWER")) {
      send("200 result=0");
    } else if (upper.startsWith("SET VARIABLE ")) {
      List<String> args = Arguments.split(command.substring(13));
      variables.put(args.get(0), args.size() > 1 ? args.get(1) : "");
      send("200 result=1");
    } else if (upper.startsWith("GET VARIABLE ")) {
      String value = variables.get(command.substring(13).strip());
      send(value == null ? "200 result=0" : "200 result=1 (" + value + ")");
    } else if (upper.startsWith("STREAM FILE ")) {
      streamFile(Arguments.split(command.substring(12)));
    } else if (upper.startsWith("GET DATA ")) {
      getData(Arguments.split(command.substring(9)));
    } else if (upper.startsWith("EXEC ")) {
      exec(Arguments.split(command.substring(5)));
    } else if (upper.startsWith("RECORD FILE ")) {
      record(Arguments.split(command.substring(12)));
    } else if (upper.equals("HANGUP")) {
      appHungUp = true;
      send("200 result=1");
      send("HANGUP");
      dead = true;
    } else if (upper.startsWith("VERBOSE")) {
      send("200 result=1");
    } else if (upper.startsWith("NOOP")) {
      send("200 result=0");
    } else {
      send("510 Invalid or unknown command");
    }
  }

  private static boolean deadChannelCommand(String upper) {
    return upper.startsWith("GET VARIABLE")
        || upper.startsWith("SET VARIABLE")
        || upper.startsWith("VERBOSE")
        || upper.startsWith("NOOP")
        || upper.startsWith("EXEC");
  }

  private void streamFile(List<String> args) throws IOException {
    played(args.get(0));
    if (hangUpAt == Moment.PROMPT) {
      callerHangsUp("200 result=-1 endpos=11840");
      return;
    }
    send("200 result=0 endpos=8000");
  }

  private void getData(List<String> args) throws IOException {
    played(args.get(0));
    if (stallAt == Moment.GET_DATA) {
      // Asterisk waits for keys that never come: no reply until the app goes away.
      onStall.run();
      return;
    }
    CallerScript.Input input = inputs.isEmpty() ? new CallerScript.Silence() : inputs.poll();
    if (hangUpAt == Moment.GET_DATA || input instanceof CallerScript.HangUp) {
      callerHangsUp("200 result=-1");
      return;
    }
    if (input instanceof CallerScript.Digits digits) {
      // Asterisk ends GET DATA at '#' and leaves it out of the result.
      String keys = digits.digits().replace("#", "");
      send(keys.isEmpty() ? "200 result= (timeout)" : "200 result=" + keys);
      return;
    }
    send("200 result= (timeout)");
  }

  private void exec(List<String> args) throws IOException {
    String application = args.get(0);
    String options = args.size() > 1 ? args.get(1) : "";
    if (application.equalsIgnoreCase("Dial")) {
      dial(options);
    } else if (application.equalsIgnoreCase("MusicOnHold")) {
      hold(options);
    } else {
      send(dead ? "200 result=-1" : "200 result=0");
    }
  }

  /** Asterisk looks for {@code <sound>.<any format>}; a spool sound must exist when played. */
  private void played(String sound) throws IOException {
    sounds.add(sound);
    if (localSpool == null || !sound.startsWith(spoolOnAsterisk + "/")) {
      return;
    }
    Path local = localSpool.resolve(sound.substring(spoolOnAsterisk.length() + 1));
    String name = local.getFileName().toString();
    boolean exists = false;
    if (Files.isDirectory(local.getParent())) {
      try (var files = Files.list(local.getParent())) {
        exists = files.anyMatch(f -> f.getFileName().toString().startsWith(name + "."));
      }
    }
    if (!exists) {
      missingSounds.add(sound);
    }
  }

  private void dial(String options) throws IOException {
    String targets = options.split(",", -1)[0];
    dials.add(targets);
    if (hangUpAt == Moment.DIAL) {
      variables.put("DIALSTATUS", "CANCEL");
      callerHangsUp("200 result=-1");
      return;
    }
    boolean busy = true;
    boolean failed = true;
    for (String channel : targets.split("&")) {
      CallerScript.Outcome outcome = callerScript.outcomeFor(scriptTarget(channel));
      if (outcome == CallerScript.Outcome.ANSWERED) {
        variables.put("DIALSTATUS", "ANSWER");
        variables.put(
            "DIALEDPEERNAME",
            channel.startsWith("Local/") ? channel + "-00000007;1" : channel + "-00000007");
        if (callerScript.isCalleeHangsUpFirst()) {
          send("200 result=0");
        } else {
          callerHangsUp("200 result=-1");
        }
        return;
      }
      busy &= outcome == CallerScript.Outcome.BUSY;
      failed &= outcome == CallerScript.Outcome.FAILED;
    }
    variables.put("DIALSTATUS", busy ? "BUSY" : failed ? "CHANUNAVAIL" : "NOANSWER");
    send("200 result=0");
  }

  /** The name the script uses for a dialled channel: {@code client:<staff>} or the number. */
  private String scriptTarget(String channel) {
    if (endpoints.containsKey(channel)) {
      return endpoints.get(channel);
    }
    if (channel.startsWith("Local/") && channel.contains("@")) {
      return channel.substring(6, channel.indexOf('@'));
    }
    return channel;
  }

  private void hold(String options) throws IOException {
    String[] parts = options.split(",", -1);
    int seconds = parts.length > 1 && !parts[1].isBlank() ? Integer.parseInt(parts[1]) : 0;
    if (hangUpAt == Moment.HOLD) {
      callerHangsUp("200 result=-1");
      return;
    }
    onHold.accept(seconds);
    send("200 result=0");
  }

  private void record(List<String> args) throws IOException {
    Path file = localFile(args.get(0), args.get(1));
    CallerScript.Input next = inputs.peek();
    CallerScript.Recording take =
        next instanceof CallerScript.Recording r
            ? r
            : new CallerScript.Recording(
                callerScript.defaultRecordSeconds(), "", next instanceof CallerScript.HangUp);
    if (next instanceof CallerScript.Recording || next instanceof CallerScript.HangUp) {
      inputs.poll();
    }
    int seconds = next instanceof CallerScript.Silence ? 0 : take.seconds();
    if (next instanceof CallerScript.Silence) {
      inputs.poll();
    }
    writeWav(file, seconds);
    if (hangUpAt == Moment.RECORD || take.hangUp()) {
      callerHangsUp("200 result=-1 (hangup) endpos=0");
    } else if (take.endKey().equals("#")) {
      send("200 result=35 (dtmf) endpos=" + seconds * SAMPLE_RATE);
    } else {
      send("200 result=0 (timeout) endpos=" + seconds * SAMPLE_RATE);
    }
  }

  private Path localFile(String asteriskPath, String format) {
    if (localSpool == null || !asteriskPath.startsWith(spoolOnAsterisk)) {
      throw new IllegalStateException("RECORD FILE outside the spool: " + asteriskPath);
    }
    String relative = asteriskPath.substring(spoolOnAsterisk.length()).replaceFirst("^/+", "");
    return localSpool.resolve(relative + "." + format);
  }

  private void writeWav(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    int dataBytes = seconds * SAMPLE_RATE * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
    b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1);
    b.putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2);
    b.putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (int i = 0; i < dataBytes / 2; i++) {
      b.putShort((short) (1000 * Math.sin(i * 2 * Math.PI * 440 / SAMPLE_RATE)));
    }
    Files.write(file, b.array());
    recordings.add(file);
  }

  private void callerHangsUp(String reply) throws IOException {
    send(reply);
    send("HANGUP");
    dead = true;
  }

  private void send(String line) throws IOException {
    wire.add("A> " + line);
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  /** How the simulated channel looks to the app, and what the caller does. */
  public static final class Builder {
    private final String host;
    private final int port;
    private String script = "flow";
    private String from = "+12075550123";
    private String tenant = "";
    private String uniqueId = "civicline-test-" + System.nanoTime() + ".1";
    private CallerScript callerScript = CallerScript.caller();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private String spoolOnAsterisk = "/var/spool/civicline";
    private Path localSpool;
    private IntConsumer onHold = seconds -> {};
    private Moment hangUpAt;
    private Moment stallAt;
    private Runnable onStall = () -> {};
    private final Map<String, String> channelVariables = new LinkedHashMap<>();

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** The dialplan's hand-off: {@code flow?tenant=<town>&number=<E.164>}. */
    public Builder flow(String tenant, String number) {
      this.tenant = tenant;
      this.script =
          "flow?tenant="
              + java.net.URLEncoder.encode(tenant, StandardCharsets.UTF_8)
              + "&number="
              + java.net.URLEncoder.encode(number, StandardCharsets.UTF_8);
      return this;
    }

    public Builder script(String script) {
      this.script = script;
      return this;
    }

    public Builder from(String from) {
      this.from = from;
      return this;
    }

    public Builder uniqueId(String uniqueId) {
      this.uniqueId = uniqueId;
      return this;
    }

    /** A channel variable set by the dialplan before AGI() (GET VARIABLE returns it). */
    public Builder variable(String name, String value) {
      channelVariables.put(name, value);
      return this;
    }

    public Builder following(CallerScript script) {
      this.callerScript = script;
      return this;
    }

    /** A desk phone's channel and the name the script gives it, e.g. client:maria-gonzalez. */
    public Builder endpoint(String channel, String scriptTarget) {
      endpoints.put(channel, scriptTarget);
      return this;
    }

    /** The spool as Asterisk names it in commands, and where that is for the test. */
    public Builder spool(String onAsterisk, Path local) {
      this.spoolOnAsterisk = onAsterisk;
      this.localSpool = local;
      return this;
    }

    /** Told the seconds of each music-on-hold stretch, e.g. to move a test clock on. */
    public Builder onHold(IntConsumer onHold) {
      this.onHold = onHold;
      return this;
    }

    /** The caller hangs up at the first such moment. */
    public Builder hangUpDuring(Moment moment) {
      this.hangUpAt = moment;
      return this;
    }

    /**
     * At the first GET DATA the channel stays silent for good (no reply), as a line left open by a
     * caller who never answers; {@code whenStalled} runs then. Only GET_DATA is supported.
     */
    public Builder stallAtGetData(Runnable whenStalled) {
      this.stallAt = Moment.GET_DATA;
      this.onStall = whenStalled;
      return this;
    }

    public AsteriskCall call() {
      try {
        return new AsteriskCaller(this).place();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
