package io.civicline.routing.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyword matching as residents type: case and accents do not matter ("Baché" finds "bache"), a
 * keyword matches whole words only ("park" is not in "parking"), a plural ending (s, es, x) still
 * matches, and runs of spaces count as one.
 */
final class TextMatch {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private TextMatch() {}

  /** Lower case, without accents, curly apostrophes made straight, spaces collapsed. */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    String plain = MARKS.matcher(decomposed).replaceAll("").replace('\u2019', '\'');
    return SPACES.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** Where the (already normalized) keyword first occurs as whole words in the text, or -1. */
  static int find(String normalizedText, String normalizedKeyword) {
    Matcher m = pattern(normalizedKeyword).matcher(normalizedText);
    return m.find() ? m.start() : -1;
  }

  private static Pattern pattern(String keyword) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?:s|es|x)?(?![\\p{L}\\p{N}])");
  }
}
