package io.civicline.routing.sms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately simple guess at a text's language from common short words ("hola", "gracias",
 * "bonjour", "the"). Only a clear winner counts: short or mixed texts give no guess, and the
 * resident's last known language or the town's default is used instead.
 */
final class LanguageGuess {
  private static final Map<String, Set<String>> WORDS =
      Map.of(
          "en",
          Set.of(
              "the", "is", "are", "and", "hello", "hi", "thanks", "thank", "you", "please", "there",
              "my", "on", "in", "of", "at", "we", "i", "need", "street", "broken"),
          "es",
          Set.of(
              "el",
              "la",
              "los",
              "las",
              "es",
              "esta",
              "hay",
              "y",
              "hola",
              "gracias",
              "por",
              "favor",
              "en",
              "de",
              "del",
              "que",
              "mi",
              "necesito",
              "calle",
              "buenos",
              "dias",
              "roto",
              "una",
              "un"),
          "fr",
          Set.of(
              "le", "la", "les", "est", "et", "bonjour", "merci", "svp", "il", "y", "a", "dans",
              "de", "du", "des", "je", "une", "un", "rue", "mon", "ma", "besoin", "casse"));

  private LanguageGuess() {}

  /** The offered language with the most common words in the text, if one clearly leads. */
  static Optional<String> guess(String normalizedText, List<String> offered) {
    Map<String, Integer> hits = new HashMap<>();
    for (String token : normalizedText.split("[^\\p{L}]+")) {
      for (String language : offered) {
        if (WORDS.getOrDefault(SmsPhrases.base(language), Set.of()).contains(token)) {
          hits.merge(language, 1, Integer::sum);
        }
      }
    }
    return hits.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .filter(
            best ->
                hits.values().stream().filter(count -> count.equals(best.getValue())).count() == 1)
        .map(Map.Entry::getKey);
  }
}
