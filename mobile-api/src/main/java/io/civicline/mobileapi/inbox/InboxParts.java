package io.civicline.mobileapi.inbox;

import io.civicline.mobileapi.texts.TextAttachments;
import java.util.List;

/**
 * What the staff inbox is served from: its item sources (one per kind), voicemail audio and text
 * attachments.
 */
public record InboxParts(
    List<InboxSource> sources, VoicemailAudio audio, TextAttachments attachments) {
  public InboxParts {
    sources = List.copyOf(sources);
  }

  /** Nothing configured: an empty inbox. */
  public static final InboxParts NONE =
      new InboxParts(List.of(), VoicemailAudio.NONE, TextAttachments.NONE);
}
