package io.civicline.testkit.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the simulated person on the phone does. Inputs are consumed in order, one per {@code
 * <Gather>} or {@code <Record>}: {@code CallerScript.pressing("1", "2")} presses 1 at the first
 * Gather and 2 at the second. A Gather with no input left (or a {@link #silence()} step) times out;
 * a Record with no record step left records {@value #DEFAULT_RECORD_SECONDS} seconds (see {@link
 * #defaultRecordSeconds(int)}).
 *
 * <pre>{@code
 * CallerScript.pressing("1")
 *     .say("clerk")
 *     .dialOutcome("client:maria-gonzalez", Outcome.NO_ANSWER)
 *     .recordSeconds(5)
 *     .statusCallback("http://127.0.0.1:8080/twilio/status");
 * }</pre>
 */
public final class CallerScript {
  public static final int DEFAULT_RECORD_SECONDS = 3;

  /** How a {@code <Dial>} target (or a callee of an outbound REST call) answers. */
  public enum Outcome {
    ANSWERED("completed"),
    NO_ANSWER("no-answer"),
    BUSY("busy"),
    FAILED("failed");

    private final String twilioStatus;

    Outcome(String twilioStatus) {
      this.twilioStatus = twilioStatus;
    }

    /** The status word Twilio uses, e.g. {@code no-answer} for DialCallStatus / CallStatus. */
    public String twilioStatus() {
      return twilioStatus;
    }
  }

  /** How the caller's stay in an {@code <Enqueue>} queue ends. */
  public enum QueueExit {
    /** The caller gives up and hangs up (QueueResult=hangup). */
    HANG_UP,
    /** An agent dequeues the caller; they talk, then the agent hangs up (QueueResult=bridged). */
    BRIDGED,
    /**
     * The caller waits (in real time, up to the given duration) until the app redirects the call
     * through the REST API, as an app does when an agent accepts (QueueResult=redirected).
     */
    UNTIL_REDIRECTED
  }

  /** One step of caller input. */
  public sealed interface Input permits Digits, Speech, Silence, Recording, HangUp {}

  public record Digits(String digits) implements Input {}

  public record Speech(String text, double confidence) implements Input {}

  public record Silence() implements Input {}

  /** Speaks for {@code seconds}, then ends with {@code endKey} ("" = silence timeout). */
  public record Recording(int seconds, String endKey, boolean hangUp) implements Input {}

  /** Hangs up at the next Gather; at a Record, speaks the default length first, then hangs up. */
  public record HangUp() implements Input {}

  record QueueStay(int seconds, QueueExit exit, Duration realWait) {}

  private final List<Input> inputs = new ArrayList<>();
  private final Map<String, Outcome> dialOutcomes = new LinkedHashMap<>();
  private Outcome defaultDialOutcome = Outcome.ANSWERED;
  private int talkSeconds = 30;
  private int defaultRecordSeconds = DEFAULT_RECORD_SECONDS;
  private boolean calleeHangsUpFirst;
  private int hangUpAfterVerbs = -1;
  private QueueStay queueStay = new QueueStay(60, QueueExit.HANG_UP, Duration.ZERO);
  private String statusCallbackUrl;
  private java.util.concurrent.CompletableFuture<?> hangUp;
  private final Map<String, String> extraParams = new LinkedHashMap<>();

  private CallerScript() {}

  /** A caller who does nothing special: every Gather times out, dialled parties answer. */
  public static CallerScript caller() {
    return new CallerScript();
  }

  /** A caller who presses these keys at successive Gathers (one string per Gather). */
  public static CallerScript pressing(String... digits) {
    return caller().press(digits);
  }

  /** A caller who says this at the next Gather. */
  public static CallerScript saying(String speech) {
    return caller().say(speech);
  }

  /** A caller who stays silent at the next Gather (or leaves an empty Record). */
  public static CallerScript silent() {
    return caller().silence();
  }

  /** Presses these keys at successive Gathers, e.g. {@code press("1", "1234#")}. */
  public CallerScript press(String... digits) {
    for (String d : digits) {
      inputs.add(new Digits(Objects.requireNonNull(d)));
    }
    return this;
  }

  /** Says this at the next Gather, recognised with confidence 0.92. */
  public CallerScript say(String speech) {
    return say(speech, 0.92);
  }

  public CallerScript say(String speech, double confidence) {
    inputs.add(new Speech(Objects.requireNonNull(speech), confidence));
    return this;
  }

  /** Stays silent at the next Gather or Record. */
  public CallerScript silence() {
    inputs.add(new Silence());
    return this;
  }

  /**
   * Hangs up at the next Gather (no Gather action is requested), or, at a Record, after speaking
   * {@link #defaultRecordSeconds} seconds (Digits=hangup), as a resident who leaves a message and
   * puts the phone down.
   */
  public CallerScript hangUp() {
    inputs.add(new HangUp());
    return this;
  }

  /** How long a Record with no record step of its own records (default 3 s). */
  public CallerScript defaultRecordSeconds(int seconds) {
    this.defaultRecordSeconds = seconds;
    return this;
  }

  /** At the next Record, speaks for this many seconds, then goes quiet (silence timeout). */
  public CallerScript recordSeconds(int seconds) {
    inputs.add(new Recording(seconds, "", false));
    return this;
  }

  /** At the next Record, speaks for this many seconds, then presses {@code key} (e.g. "#"). */
  public CallerScript recordSeconds(int seconds, String key) {
    inputs.add(new Recording(seconds, key, false));
    return this;
  }

  /** At the next Record, speaks for this many seconds and hangs up (Digits=hangup). */
  public CallerScript recordSecondsThenHangUp(int seconds) {
    inputs.add(new Recording(seconds, "hangup", true));
    return this;
  }

  /**
   * How a Dial target answers. Targets are named {@code +15551234567} (Number), {@code
   * client:maria-gonzalez} (Client), {@code sip:desk@pbx.example} (Sip), {@code queue:name}.
   */
  public CallerScript dialOutcome(String target, Outcome outcome) {
    dialOutcomes.put(target, outcome);
    return this;
  }

  /** The outcome for targets without their own {@link #dialOutcome}; ANSWERED by default. */
  public CallerScript defaultDialOutcome(Outcome outcome) {
    this.defaultDialOutcome = outcome;
    return this;
  }

  /**
   * Answered Dials stay connected (in real time) until {@code hangUp} completes, e.g. while a test
   * looks at what the server shows during the conversation; at most a minute.
   */
  public CallerScript talkUntil(java.util.concurrent.CompletableFuture<?> hangUp) {
    this.hangUp = hangUp;
    return this;
  }

  void awaitHangUp() {
    if (hangUp == null) {
      return;
    }
    try {
      hangUp.get(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // the conversation ends either way
    }
  }

  /** How long answered Dials and bridged queue calls talk (default 30 s). */
  public CallerScript talkSeconds(int seconds) {
    this.talkSeconds = seconds;
    return this;
  }

  /**
   * After an answered Dial, the dialled party hangs up first, so the caller's call continues (with
   * the Dial's action, or the next verb). By default the caller hangs up and the call ends.
   */
  public CallerScript calleeHangsUpFirst() {
    this.calleeHangsUpFirst = true;
    return this;
  }

  /** The caller hangs up before the (n+1)-th verb: after hearing/doing n verbs. */
  public CallerScript hangUpAfter(int verbs) {
    this.hangUpAfterVerbs = verbs;
    return this;
  }

  /**
   * How long the caller stays in an Enqueue queue (simulated seconds, counted from the wait TwiML's
   * Say/Play/Pause) and how the stay ends. Default: hangs up after 60 s.
   */
  public CallerScript waitInQueue(int seconds, QueueExit exit) {
    this.queueStay = new QueueStay(seconds, exit, Duration.ofSeconds(seconds));
    return this;
  }

  /** Waits in the queue until the app redirects the call via REST, up to {@code realTime}. */
  public CallerScript waitInQueueUntilRedirected(Duration realTime) {
    this.queueStay = new QueueStay(Integer.MAX_VALUE, QueueExit.UNTIL_REDIRECTED, realTime);
    return this;
  }

  /** Where Twilio posts the final call status (CallStatus, CallDuration) when the call ends. */
  public CallerScript statusCallback(String url) {
    this.statusCallbackUrl = url;
    return this;
  }

  /** Adds or overrides a parameter sent with every voice webhook, e.g. FromCity. */
  public CallerScript param(String name, String value) {
    extraParams.put(name, value);
    return this;
  }

  public List<Input> inputs() {
    return List.copyOf(inputs);
  }

  public Outcome outcomeFor(String target) {
    return dialOutcomes.getOrDefault(target, defaultDialOutcome);
  }

  public int defaultRecordSeconds() {
    return defaultRecordSeconds;
  }

  int talkSeconds() {
    return talkSeconds;
  }

  public boolean isCalleeHangsUpFirst() {
    return calleeHangsUpFirst;
  }

  int hangUpAfterVerbs() {
    return hangUpAfterVerbs;
  }

  QueueStay queueStay() {
    return queueStay;
  }

  String statusCallbackUrl() {
    return statusCallbackUrl;
  }

  Map<String, String> extraParams() {
    return Map.copyOf(extraParams);
  }
}
