package io.civicline.routing.flow.nodes;

import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.CallEvent;
import io.civicline.routing.engine.Next;
import io.civicline.routing.engine.Outcome;
import io.civicline.routing.engine.Phrases;
import io.civicline.routing.engine.Turn;
import io.civicline.routing.flow.Edge;
import io.civicline.routing.flow.NewErrors;
import io.civicline.routing.flow.Node;
import io.civicline.routing.flow.Prompt;
import java.util.List;
import java.util.Optional;

/**
 * Plays the mailbox's greeting in the caller's language and records a message. Storing and
 * delivering it is the voicemail module's work; the channel hands the recording to it.
 *
 * @param mailbox {@code department:<id>} or {@code staff:<id>}
 */
public record VoicemailNode(String id, String mailbox, Prompt greeting, int maxLengthSeconds)
    implements Node {
  public static final String KIND = "voicemail";

  public static VoicemailNode read(String id, ObjectReader in) {
    ObjectReader box = in.object("mailbox", true);
    String mailbox = null;
    if (box != null) {
      NewErrors boxErrors = NewErrors.since(box);
      String department = box.string("department", false, 48, Formats::slug);
      String staff = box.string("staff", false, 48, Formats::slug);
      box.rejectUnknownFields();
      if ((department == null) == (staff == null) && boxErrors.none()) {
        box.errors().add(box.pointer(), "needs exactly one of 'department' or 'staff'");
      }
      mailbox =
          department != null ? "department:" + department : staff != null ? "staff:" + staff : null;
    }
    Prompt greeting = Prompt.read(in, "greeting", true, Fields.MAX_TEXT);
    int maxLength = Fields.orDefault(in.integer("maxLength", false, 10, 600), 120);
    return new VoicemailNode(id, mailbox, greeting, maxLength);
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
  public Next enter(Turn turn) {
    Optional<CallContext.MailboxSettings> settings =
        Optional.ofNullable(turn.context().mailboxes().get(mailbox));
    greet(turn, settings);
    int longest =
        settings.flatMap(CallContext.MailboxSettings::maxMessageSeconds).orElse(maxLengthSeconds);
    turn.emit(new Action.Record(mailbox, longest));
    return Next.stay();
  }

  /**
   * The mailbox's own greeting when its settings have one in the caller's language (a recording
   * before a text), else the flow's.
   */
  private void greet(Turn turn, Optional<CallContext.MailboxSettings> settings) {
    String language = turn.language();
    if (settings.isPresent()) {
      String recording = settings.get().greetingRecordings().get(language);
      if (recording != null) {
        turn.emit(new Action.PlayGreeting(mailbox, language, recording));
        return;
      }
      String text = settings.get().greetingTexts().get(language);
      if (text != null) {
        turn.emit(new Action.Say(text, language));
        return;
      }
    }
    turn.say(greeting);
  }

  @Override
  public Next on(Turn turn, CallEvent event) {
    if (event instanceof CallEvent.RecordingDone) {
      turn.phrase(Phrases.VOICEMAIL_SAVED);
      return Next.end(Outcome.VOICEMAIL);
    }
    return Next.stay();
  }

  /** Callers end a message by hanging up; the recording still arrives. */
  @Override
  public Outcome hangupOutcome() {
    return Outcome.VOICEMAIL;
  }

  @Override
  public java.util.Map<String, Prompt> prompts() {
    return java.util.Map.of("greeting", greeting);
  }

  @Override
  public List<io.civicline.routing.flow.ExternalRef> externalRefs() {
    String[] box = mailbox.split(":", 2);
    return List.of(
        new io.civicline.routing.flow.ExternalRef(
            "mailbox/" + box[0],
            box[0].equals("staff")
                ? io.civicline.routing.flow.ExternalRef.Target.STAFF
                : io.civicline.routing.flow.ExternalRef.Target.DEPARTMENT,
            box[1]));
  }
}
