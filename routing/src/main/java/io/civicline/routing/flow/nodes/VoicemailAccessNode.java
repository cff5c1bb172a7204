package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Phrases;
import io.civicline.routing.engine.SpokenTime;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.ExternalRef;
import io.civicline.routing.flow.NewErrors;
import io.civicline.routing.flow.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Voicemail by phone for staff: the caller types a mailbox number and its PIN, hears how many
 * messages wait, then each message (when, from whom, the recording) and presses 1 to save it (it
 * becomes heard), 7 to delete it, or # (or 9) to skip it. All words are the platform's ({@link
 * Phrases}), in the caller's language.
 *
 * <pre>{@code
 * kind: voicemail-access
 * mailboxes:                 # the numbers callers type, 1 to 10 digits
 *   "101": {staff: maria-gonzalez}
 *   "200": {department: clerk}
 * attempts: 3                # refused mailbox/PIN pairs before goodbye, 1-5, default 3
 * timeout: 10                # seconds to wait for keys, default 10
 * }</pre>
 *
 * <p>A wrong PIN, a mailbox without a PIN, a locked mailbox or number, and a mailbox number that is
 * not in the list all get the same answer ("That mailbox and PIN do not match."). The PIN goes to
 * the channel in {@link Action.OpenMailbox} only and is never kept in the call's state. The call
 * ends here.
 */
public record VoicemailAccessNode(
    String id, Map<String, String> mailboxes, int attempts, int timeoutSeconds) implements Node {
  public static final String KIND = "voicemail-access";

  /** At most this many messages are offered in one call (newest first). */
  public static final int MAX_MESSAGES = 30;

  private static final String STAGE = "stage";
  private static final String REFUSALS = "refusals";
  private static final String SILENCES = "silences";
  private static final String COUNT = "count";
  private static final String POSITION = "position";
  private static final int ASK_MAILBOX = 0;
  private static final int ASK_PIN = 1;
  private static final int OPENING = 2;
  private static final int LISTENING = 3;
  private static final int MAX_SILENCES = 3;
  private static final String VAR = "voicemail.";

  public static VoicemailAccessNode read(String id, ObjectReader in) {
    Map<String, String> mailboxes = new LinkedHashMap<>();
    ObjectReader boxes = in.object("mailboxes", true);
    if (boxes != null) {
      NewErrors boxesErrors = NewErrors.since(boxes);
      for (String key : boxes.fieldNames()) {
        if (!key.matches("[0-9]{1,10}")) {
          boxes.has(key);
          boxes.errors().add(boxes.pointerOf(key), "must be a mailbox number: 1 to 10 digits");
          continue;
        }
        ObjectReader box = boxes.object(key, true);
        if (box == null) {
          continue;
        }
        NewErrors boxErrors = NewErrors.since(box);
        String department = box.string("department", false, 48, Formats::slug);
        String staff = box.string("staff", false, 48, Formats::slug);
        box.rejectUnknownFields();
        if ((department == null) == (staff == null)) {
          if (boxErrors.none()) {
            box.errors().add(box.pointer(), "needs exactly one of 'department' or 'staff'");
          }
          continue;
        }
        mailboxes.put(key, department != null ? "department:" + department : "staff:" + staff);
      }
      if (mailboxes.isEmpty() && boxesErrors.none()) {
        in.errors().add(in.pointerOf("mailboxes"), "needs at least one mailbox");
      }
    }
    int attempts = Fields.orDefault(in.integer("attempts", false, 1, 5), 3);
    int timeout = Fields.orDefault(in.integer("timeout", false, 1, Fields.MAX_TIMEOUT), 10);
    return new VoicemailAccessNode(id, Map.copyOf(mailboxes), attempts, timeout);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public List<Edge> edges() {
    return List.of();
  }

  @Override
  public List<ExternalRef> externalRefs() {
    List<ExternalRef> refs = new ArrayList<>();
    mailboxes.forEach(
        (key, mailbox) -> {
          String[] box = mailbox.split(":", 2);
          refs.add(
              new ExternalRef(
                  "mailboxes/" + key + "/" + box[0],
                  box[0].equals("staff") ? ExternalRef.Target.STAFF : ExternalRef.Target.DEPARTMENT,
                  box[1]));
        });
    return refs;
  }

  @Override
  public Next enter(Turn turn) {
    askMailbox(turn);
    return Next.stay();
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    int stage = turn.counter(STAGE);
    if (event instanceof CallEvent.NoInput) {
      return silence(turn, stage);
    }
    return switch (stage) {
      case ASK_MAILBOX ->
          event instanceof CallEvent.Digits digits ? mailboxTyped(turn, digits) : Next.stay();
      case ASK_PIN ->
          event instanceof CallEvent.Digits digits ? pinTyped(turn, digits) : Next.stay();
      case OPENING ->
          event instanceof CallEvent.MailboxOpened opened ? opened(turn, opened) : Next.stay();
      case LISTENING ->
          event instanceof CallEvent.Digits digits ? choice(turn, digits.digits()) : Next.stay();
      default -> Next.stay();
    };
  }

  private void askMailbox(Turn turn) {
    turn.setCounter(STAGE, ASK_MAILBOX);
    turn.emit(gather(turn, List.of(Phrases.MAILBOX_NUMBER.in(turn.language())), 10));
  }

  private void askPin(Turn turn) {
    turn.setCounter(STAGE, ASK_PIN);
    turn.emit(gather(turn, List.of(Phrases.MAILBOX_PIN.in(turn.language())), 12));
  }

  private Action.Gather gather(Turn turn, List<Action> prompts, int maxDigits) {
    return new Action.Gather(prompts, maxDigits, timeoutSeconds, turn.language(), List.of());
  }

  private Next mailboxTyped(Turn turn, CallEvent.Digits digits) {
    turn.setCounter(SILENCES, 0);
    String mailbox = mailboxes.getOrDefault(stripPound(digits.digits()), "");
    turn.setVariables(Map.of(VAR + "mailbox", mailbox));
    askPin(turn);
    return Next.stay();
  }

  private Next pinTyped(Turn turn, CallEvent.Digits digits) {
    turn.setCounter(SILENCES, 0);
    String mailbox = turn.state().variables().getOrDefault(VAR + "mailbox", "");
    if (mailbox.isEmpty()) {
      // Not a mailbox of this line: answered like a wrong PIN.
      return refused(turn);
    }
    turn.setCounter(STAGE, OPENING);
    turn.emit(new Action.OpenMailbox(mailbox, stripPound(digits.digits())));
    return Next.stay();
  }

  private static String stripPound(String digits) {
    return digits.endsWith("#") ? digits.substring(0, digits.length() - 1) : digits;
  }

  private Next refused(Turn turn) {
    int refusals = turn.counter(REFUSALS) + 1;
    turn.setCounter(REFUSALS, refusals);
    turn.phrase(Phrases.MAILBOX_REFUSED);
    if (refusals >= attempts) {
      turn.phrase(Phrases.GOODBYE);
      return Next.end(Outcome.MESSAGE);
    }
    askMailbox(turn);
    return Next.stay();
  }

  private Next opened(Turn turn, CallEvent.MailboxOpened opened) {
    if (opened.result() != CallEvent.MailboxResult.ACCEPTED) {
      return refused(turn);
    }
    List<CallEvent.MessageSummary> messages =
        opened.messages().subList(0, Math.min(MAX_MESSAGES, opened.messages().size()));
    if (messages.isEmpty()) {
      turn.phrase(Phrases.NO_MESSAGES);
      return Next.end(Outcome.MESSAGE);
    }
    Map<String, String> remembered = new LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      CallEvent.MessageSummary m = messages.get(i);
      remembered.put(VAR + i + ".id", m.id());
      remembered.put(VAR + i + ".at", m.receivedAt().toString());
      remembered.put(VAR + i + ".from", m.from() == null ? "" : m.from());
      remembered.put(VAR + i + ".url", m.audioUrl());
      remembered.put(VAR + i + ".kept", Boolean.toString(m.kept()));
    }
    turn.setVariables(remembered);
    turn.setCounter(COUNT, messages.size());
    long fresh = messages.stream().filter(CallEvent.MessageSummary::isNew).count();
    long saved = messages.size() - fresh;
    if (fresh > 0) {
      turn.emit(
          fresh == 1
              ? Phrases.ONE_NEW_MESSAGE.in(turn.language())
              : Phrases.NEW_MESSAGES.in(turn.language(), fresh));
    }
    if (saved > 0) {
      turn.emit(
          saved == 1
              ? Phrases.ONE_SAVED_MESSAGE.in(turn.language())
              : Phrases.SAVED_MESSAGES.in(turn.language(), saved));
    }
    return present(turn, 0);
  }

  private Next present(Turn turn, int position) {
    turn.setCounter(STAGE, LISTENING);
    turn.setCounter(POSITION, position);
    turn.setCounter(SILENCES, 0);
    Map<String, String> vars = turn.state().variables();
    String from = SpokenTime.digits(vars.get(VAR + position + ".from"));
    String when =
        SpokenTime.dateTime(
            Instant.parse(vars.get(VAR + position + ".at")).atZone(turn.context().timeZone()),
            turn.language());
    String caller = from.isEmpty() ? Phrases.UNKNOWN_NUMBER.in(turn.language()).text() : from;
    List<Action> prompts =
        List.of(
            Phrases.MESSAGE_FROM.in(turn.language(), when, caller),
            new Action.Play(vars.get(VAR + position + ".url")),
            Phrases.MESSAGE_MENU.in(turn.language()));
    turn.emit(gather(turn, prompts, 1));
    return Next.stay();
  }

  private Next choice(Turn turn, String key) {
    int position = turn.counter(POSITION);
    Map<String, String> vars = turn.state().variables();
    String mailbox = vars.getOrDefault(VAR + "mailbox", "");
    String messageId = vars.get(VAR + position + ".id");
    switch (key) {
      case "1" -> {
        turn.emit(new Action.UpdateMessage(mailbox, messageId, Action.MessageChange.SAVE));
        turn.phrase(Phrases.MESSAGE_SAVED);
      }
      case "7" -> {
        if (Boolean.parseBoolean(vars.get(VAR + position + ".kept"))) {
          turn.phrase(Phrases.MESSAGE_KEPT);
        } else {
          turn.emit(new Action.UpdateMessage(mailbox, messageId, Action.MessageChange.DELETE));
          turn.phrase(Phrases.MESSAGE_DELETED);
        }
      }
      case "#", "9" -> {}
      default -> {
        turn.phrase(Phrases.INVALID_CHOICE);
        turn.emit(gather(turn, List.of(Phrases.MESSAGE_MENU.in(turn.language())), 1));
        return Next.stay();
      }
    }
    int next = position + 1;
    if (next >= turn.counter(COUNT)) {
      turn.phrase(Phrases.NO_MORE_MESSAGES);
      return Next.end(Outcome.MESSAGE);
    }
    return present(turn, next);
  }

  private Next silence(Turn turn, int stage) {
    int silences = turn.counter(SILENCES) + 1;
    turn.setCounter(SILENCES, silences);
    if (stage == OPENING) {
      return Next.stay();
    }
    if (silences >= MAX_SILENCES) {
      turn.phrase(Phrases.GOODBYE);
      return Next.end(Outcome.MESSAGE);
    }
    switch (stage) {
      case ASK_MAILBOX -> askMailbox(turn);
      case ASK_PIN -> askPin(turn);
      default -> {
        turn.phrase(Phrases.NO_INPUT);
        turn.emit(gather(turn, List.of(Phrases.MESSAGE_MENU.in(turn.language())), 1));
      }
    }
    return Next.stay();
  }
}
