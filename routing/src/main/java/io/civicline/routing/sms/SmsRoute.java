package io.civicline.routing.sms;

import java.util.Optional;

/**
 * Where a text goes and what, if anything, the resident is told at once.
 *
 * @param language the resident's language as far as the text and history tell
 * @param keyword the keyword that chose the department, as written in the rules
 * @param autoReply the closed-department answer, in {@code language} when the platform knows it
 */
public record SmsRoute(
    String department,
    String language,
    Reason reason,
    Optional<String> keyword,
    Optional<String> autoReply) {

  /** Why this department. */
  public enum Reason {
    KEYWORD,
    CONVERSATION,
    NUMBER,
    DEFAULT
  }
}
