package io.civicline.testkit.twilio;

import io.civicline.testkit.twilio.CallerScript.Digits;
import io.civicline.testkit.twilio.CallerScript.HangUp;
import io.civicline.testkit.twilio.CallerScript.Input;
import io.civicline.testkit.twilio.CallerScript.Outcome;
import io.civicline.testkit.twilio.CallerScript.QueueExit;
import io.civicline.testkit.twilio.CallerScript.QueueStay;
import io.civicline.testkit.twilio.CallerScript.Recording;
import io.civicline.testkit.twilio.CallerScript.Silence;
import io.civicline.testkit.twilio.CallerScript.Speech;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Plays one call the way Twilio does: requests TwiML with signed webhooks, executes the verbs in
 * order for the simulated caller, and records everything in a {@link CallTranscript}.
 */
final class CallRun {
  static final int MAX_DOCUMENTS = 200;
  static final String APPLICATION_ERROR_SPEECH =
      "We are sorry, an application error has occurred. Goodbye.";
  private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(15);

  /** Thrown to end the call from anywhere inside the TwiML interpreter. */
  private static final class CallEnded extends RuntimeException {
    final String status;

    CallEnded(String status) {
      super(status, null, false, false);
      this.status = status;
    }
  }

  /** A fetched TwiML document: its URL (for relative URLs) and its verbs. */
  private record Doc(String url, List<Element> verbs) {}

  /** How a stay in a queue ended. */
  private record QueueLeft(String result, Doc redirect) {}

  private final TwilioStandIn standIn;
  private final HttpClient http;
  private final LiveCall call;
  private final CallerScript script;
  private final Deque<Input> inputs;
  private final CallTranscript t;
  private final Map<String, String> baseParams = new LinkedHashMap<>();
  private String callStatus;
  private int clock;
  private int documents;
  private int verbs;
  private String lastDocUrl;
  private final String statusCallback;

  CallRun(
      TwilioStandIn standIn,
      HttpClient http,
      LiveCall call,
      CallerScript script,
      Map<String, String> callerDetails,
      String statusCallbackOverride) {
    this.standIn = standIn;
    this.http = http;
    this.call = call;
    this.script = script;
    this.statusCallback =
        statusCallbackOverride != null ? statusCallbackOverride : script.statusCallbackUrl();
    this.inputs = new ArrayDeque<>(script.inputs());
    this.t = new CallTranscript(call.sid, call.from, call.to, call.direction);
    this.callStatus = call.direction.equals("inbound") ? "ringing" : "in-progress";
    baseParams.put("AccountSid", standIn.accountSid());
    baseParams.put("ApiVersion", "2010-04-01");
    baseParams.put("CallSid", call.sid);
    baseParams.put("Called", call.to);
    baseParams.put("Caller", call.from);
    baseParams.put("Direction", call.direction);
    baseParams.put("From", call.from);
    baseParams.put("To", call.to);
    baseParams.putAll(callerDetails);
    baseParams.putAll(script.extraParams());
  }

  /** Runs the call to its end: from a URL, or from inline TwiML when {@code twiml} is set. */
  CallTranscript run(String url, String method, String twiml) {
    t.line(
        "call " + call.sid + " from " + call.from + " to " + call.to + " (" + call.direction + ")");
    call.status = "in-progress";
    call.started = Instant.now();
    String status = "completed";
    try {
      Doc doc = twiml != null ? parse(url, twiml) : fetch(url, method, Map.of());
      while (doc != null) {
        doc = execute(doc);
      }
      t.line("no more TwiML: Twilio hangs up");
    } catch (CallEnded ended) {
      status = ended.status;
    }
    finish(status);
    return t;
  }

  /** Records an outbound call that was never answered, then sends its status callback. */
  CallTranscript unanswered(Outcome outcome) {
    t.line(
        "call " + call.sid + " from " + call.from + " to " + call.to + " (" + call.direction + ")");
    t.line("callee " + call.to + " -> " + outcome.twilioStatus());
    finish(outcome.twilioStatus());
    return t;
  }

  private void finish(String status) {
    call.status = status;
    call.ended = Instant.now();
    call.durationSeconds = clock;
    t.end(status, clock);
    t.line("call " + status + " after " + clock + " s");
    String callback = statusCallback;
    if (callback != null) {
      Map<String, String> params = new LinkedHashMap<>(baseParams);
      params.put("CallStatus", status);
      params.put("CallDuration", Integer.toString(clock));
      params.put("Duration", Integer.toString((clock + 59) / 60));
      params.put("CallbackSource", "call-progress-events");
      params.put("SequenceNumber", "0");
      params.put("Timestamp", Wire.date(Instant.now()));
      send(callback, "POST", params, "status callback");
    }
  }

  // ---------------------------------------------------------------- documents

  private Doc execute(Doc doc) {
    lastDocUrl = doc.url();
    for (Element verb : doc.verbs()) {
      Doc modified = checkModified();
      if (modified != null) {
        return modified;
      }
      callerMayHangUp();
      Doc next = verb(doc, verb);
      if (next != null) {
        return next;
      }
    }
    return null;
  }

  private void callerMayHangUp() {
    int limit = script.hangUpAfterVerbs();
    if (limit >= 0 && verbs >= limit) {
      t.line("caller hangs up");
      throw new CallEnded("completed");
    }
    verbs++;
  }

  private Doc verb(Doc doc, Element verb) {
    return switch (verb.getTagName()) {
      case "Say" -> {
        say(verb);
        yield null;
      }
      case "Play" -> {
        play(doc, verb);
        yield null;
      }
      case "Pause" -> {
        pause(verb);
        yield null;
      }
      case "Gather" -> gather(doc, verb);
      case "Dial" -> dial(doc, verb);
      case "Record" -> record(doc, verb);
      case "Enqueue" -> enqueue(doc, verb);
      case "Redirect" -> {
        String url = resolve(doc, text(verb));
        String method = attr(verb, "method", "POST");
        t.line("redirect -> " + method + " " + url);
        yield fetch(url, method, Map.of());
      }
      case "Leave" -> {
        t.line("leave: not in a queue, ignored");
        yield null;
      }
      case "Hangup" -> {
        t.line("app hangs up");
        throw new CallEnded("completed");
      }
      case "Reject" -> {
        String reason = attr(verb, "reason", "rejected");
        t.line("call rejected (" + reason + ")");
        throw new CallEnded(reason.equals("busy") ? "busy" : "no-answer");
      }
      case "Connect", "Start", "Stop", "Pay", "Refer", "Sms", "Echo", "Prompt" -> {
        t.line("<" + verb.getTagName() + "> is not simulated by the stand-in: skipped");
        yield null;
      }
      default -> throw applicationError("12200", "unknown TwiML verb <" + verb.getTagName() + ">");
    };
  }

  // ---------------------------------------------------------------- simple verbs

  private void say(Element verb) {
    String text = text(verb);
    String language = attr(verb, "language", "");
    String voice = attr(verb, "voice", "");
    String tag = (language + " " + voice).trim();
    int loop = intAttr(verb, "loop", 1);
    t.line(
        "caller hears"
            + (tag.isEmpty() ? "" : " [" + tag + "]")
            + ": "
            + text
            + (loop > 1 ? " (x" + loop + ")" : ""));
    t.heard(
        new CallTranscript.Heard(
            "say", text, language.isEmpty() ? null : language, voice.isEmpty() ? null : voice));
    clock += Math.max(1, text.split("\\s+").length * 2 / 5) * Math.max(1, loop);
  }

  private void play(Doc doc, Element verb) {
    String digits = attr(verb, "digits", "");
    if (!digits.isEmpty()) {
      t.line("plays digits " + digits);
      clock += 1;
      return;
    }
    String url = resolve(doc, text(verb));
    t.line("caller hears audio: " + url);
    t.heard(new CallTranscript.Heard("play", url, null, null));
    clock += 5 * Math.max(1, intAttr(verb, "loop", 1));
  }

  private void pause(Element verb) {
    int length = intAttr(verb, "length", 1);
    t.line("pause " + length + " s");
    clock += length;
  }

  // ---------------------------------------------------------------- Gather

  private Doc gather(Doc doc, Element verb) {
    for (Element nested : children(verb)) {
      switch (nested.getTagName()) {
        case "Say" -> say(nested);
        case "Play" -> play(doc, nested);
        case "Pause" -> pause(nested);
        default -> t.line("<" + nested.getTagName() + "> inside <Gather> ignored");
      }
    }
    String inputTypes = attr(verb, "input", "dtmf");
    boolean dtmf = inputTypes.contains("dtmf");
    boolean speech = inputTypes.contains("speech");
    int timeout = intAttr(verb, "timeout", 5);
    String action = resolve(doc, attr(verb, "action", ""));
    String method = attr(verb, "method", "POST");
    Input input = nextInput(Digits.class, Speech.class, Silence.class, HangUp.class);
    if (input instanceof HangUp) {
      t.line("caller hangs up (at the gather)");
      throw new CallEnded("completed");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (input instanceof Digits d && dtmf) {
      String finishOnKey = attr(verb, "finishOnKey", "#");
      String digits = d.digits();
      if (!finishOnKey.isEmpty() && digits.endsWith(finishOnKey)) {
        digits = digits.substring(0, digits.length() - finishOnKey.length());
        params.put("FinishedOnKey", finishOnKey);
      }
      int numDigits = intAttr(verb, "numDigits", 0);
      if (numDigits > 0 && digits.length() > numDigits) {
        digits = digits.substring(0, numDigits);
      }
      t.line("caller presses " + d.digits());
      params.put("Digits", digits);
      clock += Math.max(1, d.digits().length());
    } else if (input instanceof Speech s && speech) {
      t.line("caller says \"" + s.text() + "\"");
      params.put("SpeechResult", s.text());
      params.put("Confidence", Double.toString(s.confidence()));
      clock += 2;
    } else {
      String what =
          input instanceof Digits d
              ? "caller presses " + d.digits() + " but the Gather listens for " + inputTypes
              : input instanceof Speech s
                  ? "caller says \"" + s.text() + "\" but the Gather listens for " + inputTypes
                  : "caller stays silent";
      t.line(what + " (gather times out after " + timeout + " s)");
      clock += timeout;
      if (!Boolean.parseBoolean(attr(verb, "actionOnEmptyResult", "false"))) {
        return null;
      }
    }
    return fetch(action, method, params);
  }

  // ---------------------------------------------------------------- Dial

  private Doc dial(Doc doc, Element verb) {
    List<String> targets = new ArrayList<>();
    Map<String, Element> nouns = new LinkedHashMap<>();
    for (Element noun : children(verb)) {
      String value = text(noun);
      switch (noun.getTagName()) {
        case "Number" -> {
          targets.add(value);
          nouns.put(value, noun);
        }
        case "Client" -> {
          List<Element> identity = children(noun);
          String id = identity.isEmpty() ? value : text(identity.get(0));
          targets.add("client:" + id);
          nouns.put("client:" + id, noun);
        }
        case "Sip" -> targets.add(value);
        case "Queue" -> targets.add("queue:" + value);
        default -> t.line("<Dial><" + noun.getTagName() + "> is not simulated: skipped");
      }
    }
    if (targets.isEmpty() && !text(verb).isEmpty()) {
      targets.add(text(verb));
    }
    int timeout = intAttr(verb, "timeout", 30);
    String answeredBy = null;
    boolean allBusy = !targets.isEmpty();
    boolean allFailed = !targets.isEmpty();
    for (String target : targets) {
      Outcome outcome = script.outcomeFor(target);
      t.line("dial " + target + " -> " + outcome.twilioStatus());
      if (outcome == Outcome.ANSWERED && answeredBy == null) {
        answeredBy = target;
      }
      allBusy &= outcome == Outcome.BUSY;
      allFailed &= outcome == Outcome.FAILED;
    }
    String dialStatus =
        answeredBy != null ? "completed" : allBusy ? "busy" : allFailed ? "failed" : "no-answer";
    String childSid = Wire.sid("CA");
    int talked = 0;
    if (answeredBy != null) {
      standIn.dialLeg(childSid, call.from, answeredBy);
      Element answering = nouns.get(answeredBy);
      legStatus(doc, answering, childSid, "answered", "in-progress");
      talked = script.talkSeconds();
      t.line("caller talks with " + answeredBy + " for " + talked + " s");
      script.awaitHangUp();
      clock += talked + 3;
      legStatus(doc, answering, childSid, "completed", "completed");
    } else {
      clock += dialStatus.equals("no-answer") ? timeout : 1;
    }
    String action = attr(verb, "action", "");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("DialCallStatus", dialStatus);
    params.put("DialCallSid", childSid);
    params.put("DialCallDuration", Integer.toString(talked));
    params.put("DialBridged", Boolean.toString(answeredBy != null));
    if (answeredBy != null && !script.isCalleeHangsUpFirst()) {
      t.line("caller hangs up after the conversation");
      if (!action.isEmpty()) {
        callStatus = "completed";
        send(resolve(doc, action), attr(verb, "method", "POST"), withBase(params), "dial action");
      }
      throw new CallEnded("completed");
    }
    if (action.isEmpty()) {
      return null;
    }
    return fetch(resolve(doc, action), attr(verb, "method", "POST"), params);
  }

  /**
   * The status callback of a dialled party's leg ({@code statusCallback} on {@code <Number>} or
   * {@code <Client>}), if it asked for this event.
   */
  private void legStatus(Doc doc, Element noun, String legSid, String event, String status) {
    if (noun == null || noun.getAttribute("statusCallback").isEmpty()) {
      return;
    }
    List<String> events = List.of(attr(noun, "statusCallbackEvent", "completed").split(" "));
    if (!events.contains(event)) {
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", standIn.accountSid());
    params.put("CallSid", legSid);
    params.put("ParentCallSid", call.sid);
    params.put("CallStatus", status);
    params.put("Direction", "outbound-dial");
    params.put("From", call.from);
    send(
        resolve(doc, noun.getAttribute("statusCallback")),
        attr(noun, "statusCallbackMethod", "POST"),
        params,
        "leg " + event);
  }

  // ---------------------------------------------------------------- Record

  private Doc record(Doc doc, Element verb) {
    int maxLength = intAttr(verb, "maxLength", 3600);
    int timeout = intAttr(verb, "timeout", 5);
    String finishOnKey = attr(verb, "finishOnKey", "1234567890*#");
    if (Boolean.parseBoolean(attr(verb, "playBeep", "true"))) {
      t.line("caller hears beep");
    }
    Input input = nextInput(Recording.class, Silence.class, HangUp.class);
    if (input instanceof Silence) {
      t.line("caller stays silent: empty recording, Twilio continues with the next verb");
      clock += timeout;
      return null;
    }
    Recording rec =
        switch (input) {
          case Recording r -> r;
          case HangUp h -> new Recording(script.defaultRecordSeconds(), "hangup", true);
          case null, default -> new Recording(script.defaultRecordSeconds(), "", false);
        };
    int seconds = Math.min(rec.seconds(), maxLength == 0 ? 3600 : maxLength);
    String endedBy = rec.endKey();
    if (!rec.hangUp() && !endedBy.isEmpty() && !finishOnKey.contains(endedBy)) {
      endedBy = "";
    }
    String recordingSid = standIn.storeRecording(call.sid, seconds);
    String recordingUrl = standIn.recordingUrl(recordingSid);
    t.recording(recordingSid);
    t.line(
        "records "
            + seconds
            + " s -> "
            + recordingSid
            + (rec.hangUp()
                ? " (caller hangs up)"
                : endedBy.isEmpty() ? "" : " (ends with " + endedBy + ")"));
    clock += seconds + (endedBy.isEmpty() ? timeout : 0);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("RecordingUrl", recordingUrl);
    params.put("RecordingSid", recordingSid);
    params.put("RecordingDuration", Integer.toString(seconds));
    if (!endedBy.isEmpty()) {
      params.put("Digits", endedBy);
    }
    String action = resolve(doc, attr(verb, "action", ""));
    String method = attr(verb, "method", "POST");
    Doc next;
    if (rec.hangUp()) {
      callStatus = "completed";
      send(action, method, withBase(params), "record action");
      next = null;
    } else {
      next = fetch(action, method, params);
    }
    String callback = attr(verb, "recordingStatusCallback", "");
    if (!callback.isEmpty()) {
      Map<String, String> cb = new LinkedHashMap<>();
      cb.put("AccountSid", standIn.accountSid());
      cb.put("CallSid", call.sid);
      cb.put("RecordingSid", recordingSid);
      cb.put("RecordingUrl", recordingUrl);
      cb.put("RecordingStatus", "completed");
      cb.put("RecordingDuration", Integer.toString(seconds));
      cb.put("RecordingChannels", "1");
      cb.put("RecordingStartTime", Wire.date(Instant.now()));
      cb.put("RecordingSource", "RecordVerb");
      cb.put("ErrorCode", "0");
      send(
          resolve(doc, callback),
          attr(verb, "recordingStatusCallbackMethod", "POST"),
          cb,
          "recording status callback");
    }
    if (rec.hangUp()) {
      throw new CallEnded("completed");
    }
    return next;
  }

  // ---------------------------------------------------------------- Enqueue

  private Doc enqueue(Doc doc, Element verb) {
    String name = text(verb);
    String queueSid = standIn.queueSid(name);
    String waitUrl = attr(verb, "waitUrl", "");
    String waitMethod = attr(verb, "waitUrlMethod", "POST");
    t.line("enqueued in \"" + name + "\" (" + queueSid + ")");
    int enteredAt = clock;
    QueueLeft left =
        waitInQueue(
            doc, queueSid, waitUrl.isEmpty() ? null : resolve(doc, waitUrl), waitMethod, enteredAt);
    int queueTime = clock - enteredAt;
    t.line("leaves queue \"" + name + "\": " + left.result() + " after " + queueTime + " s");
    if (left.result().equals("bridged")) {
      t.line("caller talks with an agent for " + script.talkSeconds() + " s");
      clock += script.talkSeconds();
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("QueueResult", left.result());
    params.put("QueueSid", queueSid);
    params.put("QueueTime", Integer.toString(queueTime));
    String action = attr(verb, "action", "");
    boolean hangUp = left.result().equals("hangup");
    if (!action.isEmpty() && (hangUp || left.redirect() != null)) {
      if (hangUp) {
        callStatus = "completed";
      }
      send(resolve(doc, action), attr(verb, "method", "POST"), withBase(params), "enqueue action");
    }
    if (hangUp) {
      throw new CallEnded("completed");
    }
    if (left.redirect() != null) {
      return left.redirect();
    }
    return action.isEmpty()
        ? null
        : fetch(resolve(doc, action), attr(verb, "method", "POST"), params);
  }

  private QueueLeft waitInQueue(
      Doc enqueueDoc, String queueSid, String waitUrl, String waitMethod, int enteredAt) {
    QueueStay stay = script.queueStay();
    long realDeadline = System.nanoTime() + stay.realWait().toNanos();
    boolean untilRedirected = stay.exit() == QueueExit.UNTIL_REDIRECTED;
    while (true) {
      // One pass: request the wait URL and play its TwiML (Twilio re-requests it when it ends).
      int passStart = clock;
      Doc wait = null;
      if (waitUrl == null) {
        t.line("caller hears Twilio's default hold music");
        clock +=
            untilRedirected ? 0 : Math.max(1, Math.min(30, stay.seconds() - (clock - enteredAt)));
      } else {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("QueueSid", queueSid);
        params.put("QueuePosition", "1");
        params.put("QueueTime", Integer.toString(clock - enteredAt));
        params.put("AvgQueueTime", Integer.toString(clock - enteredAt));
        params.put("CurrentQueueSize", "1");
        params.put("MaxQueueSize", "1000");
        wait = fetch(waitUrl, waitMethod, params);
      }
      while (wait != null) {
        Doc nextWait = null;
        lastDocUrl = wait.url();
        for (Element verb : wait.verbs()) {
          QueueLeft left = queueExitNow(enteredAt, untilRedirected, Duration.ZERO, realDeadline);
          if (left != null) {
            return left;
          }
          callerMayHangUp();
          switch (verb.getTagName()) {
            case "Say" -> say(verb);
            case "Play" -> play(wait, verb);
            case "Pause" -> pause(verb);
            case "Gather" -> nextWait = gather(wait, verb);
            case "Redirect" -> {
              String url = resolve(wait, text(verb));
              t.line("redirect (wait TwiML) -> " + url);
              nextWait = fetch(url, attr(verb, "method", "POST"), Map.of());
            }
            case "Leave" -> {
              return new QueueLeft("leave", null);
            }
            case "Hangup" -> {
              t.line("app hangs up (wait TwiML)");
              return new QueueLeft("hangup", null);
            }
            default -> t.line("<" + verb.getTagName() + "> is not allowed in wait TwiML: ignored");
          }
          if (nextWait != null) {
            break;
          }
        }
        wait = nextWait;
      }
      if (clock == passStart && !untilRedirected) {
        clock += 1; // an empty wait document still takes time; avoids a hot loop
      }
      Duration block = untilRedirected ? Duration.ofMillis(250) : Duration.ZERO;
      QueueLeft left = queueExitNow(enteredAt, untilRedirected, block, realDeadline);
      if (left != null) {
        return left;
      }
    }
  }

  /** Whether the stay ends now: a REST redirect, or the scripted time is up. */
  private QueueLeft queueExitNow(
      int enteredAt, boolean untilRedirected, Duration block, long realDeadline) {
    LiveCall.Modification m =
        block.isZero() ? call.pollModification() : call.awaitModification(block);
    if (m != null) {
      Doc redirect = applyModification(m);
      return new QueueLeft("redirected", redirect);
    }
    QueueStay stay = script.queueStay();
    if (untilRedirected) {
      if (System.nanoTime() - realDeadline > 0) {
        t.line("caller gives up waiting for a redirect and hangs up");
        return new QueueLeft("hangup", null);
      }
      return null;
    }
    if (clock - enteredAt >= stay.seconds()) {
      return new QueueLeft(stay.exit() == QueueExit.BRIDGED ? "bridged" : "hangup", null);
    }
    return null;
  }

  // ---------------------------------------------------------------- live modification

  private Doc checkModified() {
    LiveCall.Modification m = call.pollModification();
    return m == null ? null : applyModification(m);
  }

  private Doc applyModification(LiveCall.Modification m) {
    if (m.hangUp()) {
      t.line("call ended through the REST API (Status=completed)");
      throw new CallEnded("completed");
    }
    if (m.twiml() != null) {
      t.line("call redirected through the REST API to inline TwiML");
      documents++;
      return parse(lastDocUrl == null ? standIn.baseUrl() : lastDocUrl, m.twiml());
    }
    t.line("call redirected through the REST API -> " + m.method() + " " + m.url());
    return fetch(m.url(), m.method(), Map.of());
  }

  // ---------------------------------------------------------------- webhooks

  private Map<String, String> withBase(Map<String, String> extra) {
    Map<String, String> params = new LinkedHashMap<>(baseParams);
    params.put("CallStatus", callStatus);
    params.putAll(extra);
    return params;
  }

  /** Requests a TwiML document; non-2xx or unparsable answers are application errors. */
  private Doc fetch(String url, String method, Map<String, String> extra) {
    documents++;
    if (documents > MAX_DOCUMENTS) {
      throw applicationError(
          "loop", "more than " + MAX_DOCUMENTS + " TwiML documents in one call; stopped");
    }
    CallTranscript.Webhook answer = send(url, method, withBase(extra), null);
    callStatus = "in-progress";
    if (answer.status() < 200 || answer.status() > 299) {
      throw applicationError(
          "11200",
          "HTTP retrieval failure: "
              + method
              + " "
              + url
              + " -> "
              + (answer.status() < 0 ? "no answer" : Integer.toString(answer.status())));
    }
    return parse(url, answer.body());
  }

  private Doc parse(String url, String twiml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document document =
          builder.parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
      Element root = document.getDocumentElement();
      if (!root.getTagName().equals("Response")) {
        throw applicationError(
            "12100",
            "document parse failure: root is <"
                + root.getTagName()
                + ">, not <Response> ("
                + url
                + ")");
      }
      return new Doc(url, children(root));
    } catch (CallEnded e) {
      throw e;
    } catch (Exception e) {
      throw applicationError(
          "12100", "document parse failure: not TwiML (" + url + "): " + e.getMessage());
    }
  }

  private CallEnded applicationError(String code, String detail) {
    t.markApplicationError();
    t.line("application error " + code + ": " + detail);
    t.line("caller hears: " + APPLICATION_ERROR_SPEECH);
    t.heard(new CallTranscript.Heard("say", APPLICATION_ERROR_SPEECH, "en-US", null));
    return new CallEnded("completed");
  }

  /**
   * Sends one signed webhook and records it. {@code purpose} labels callbacks whose answer is
   * ignored; TwiML requests pass null.
   */
  private CallTranscript.Webhook send(
      String url, String method, Map<String, String> params, String purpose) {
    boolean get = method.equalsIgnoreCase("GET");
    String target = url;
    String body = "";
    if (get && !params.isEmpty()) {
      target = url + (url.contains("?") ? "&" : "?") + Wire.formEncode(params);
    } else if (!get) {
      body = Wire.formEncode(params);
    }
    String signature = TwilioSignature.sign(standIn.authToken(), target, get ? Map.of() : params);
    int status;
    String answer;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target))
              .timeout(WEBHOOK_TIMEOUT)
              .header("X-Twilio-Signature", signature)
              .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
              .header("User-Agent", "TwilioProxy/1.1")
              .header("Accept", "*/*");
      if (get) {
        request.GET();
      } else {
        request
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      answer = response.body();
    } catch (IOException | IllegalArgumentException e) {
      status = -1;
      answer = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
      answer = e.toString();
    }
    CallTranscript.Webhook webhook =
        new CallTranscript.Webhook(
            method.toUpperCase(), target, Map.copyOf(params), signature, status, answer);
    t.webhook(webhook);
    t.line(
        (purpose == null ? "webhook " : purpose + " ")
            + method.toUpperCase()
            + " "
            + target
            + " -> "
            + (status < 0 ? "no answer" : status));
    return webhook;
  }

  // ---------------------------------------------------------------- helpers

  @SafeVarargs
  private Input nextInput(Class<? extends Input>... accepted) {
    Input next = inputs.peekFirst();
    if (next == null) {
      return null;
    }
    for (Class<? extends Input> type : accepted) {
      if (type.isInstance(next)) {
        return inputs.removeFirst();
      }
    }
    return null;
  }

  private static String resolve(Doc doc, String ref) {
    if (ref == null || ref.isBlank()) {
      return doc.url();
    }
    return URI.create(doc.url()).resolve(ref.trim()).toString();
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) nodes.item(i));
      }
    }
    return out;
  }

  /** The element's own text (not its child elements'), trimmed. */
  private static String text(Element element) {
    StringBuilder out = new StringBuilder();
    NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        out.append(n.getNodeValue());
      }
    }
    return out.toString().trim().replaceAll("\\s+", " ");
  }

  private static String attr(Element element, String name, String fallback) {
    return element.hasAttribute(name) ? element.getAttribute(name) : fallback;
  }

  private static int intAttr(Element element, String name, int fallback) {
    try {
      return element.hasAttribute(name)
          ? Integer.parseInt(element.getAttribute(name).trim())
          : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
