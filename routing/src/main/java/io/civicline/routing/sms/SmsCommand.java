package io.civicline.routing.sms;

import java.util.Optional;
import java.util.Set;

/**
 * The carrier keywords every US long code must honour. A text is a command only when it is the
 * keyword alone ("stop", "Stop.", " STOP "), so "please don't stop plowing" is an ordinary text.
 */
public enum SmsCommand {
  STOP(Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit")),
  START(Set.of("start", "unstop", "yes")),
  HELP(Set.of("help", "info"));

  private final Set<String> words;

  SmsCommand(Set<String> words) {
    this.words = words;
  }

  public static Optional<SmsCommand> parse(String text) {
    String word = TextMatch.normalize(text).replaceAll("[\\p{Punct}\\s]+", "");
    for (SmsCommand command : values()) {
      if (command.words.contains(word)) {
        return Optional.of(command);
      }
    }
    return Optional.empty();
  }
}
