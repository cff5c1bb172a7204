package io.civicline.routing.sms;

import io.civicline.routing.flow.Prompt;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a town routes texts: keywords per language that send a text to a department ("pothole" to
 * Public Works), the department that gets everything else, the HELP answer, and whether residents
 * who text a closed department get an automatic reply with its hours.
 *
 * @param help the answer to HELP per language; {@link Prompt#NONE} uses the built-in text
 */
public record SmsRules(
    String defaultDepartment, List<KeywordRule> keywords, Prompt help, boolean autoReply) {

  /** The document collection a town's rules are stored in (one document, id {@link #ID}). */
  public static final String COLLECTION = "sms-rules";

  public static final String ID = "default";

  public SmsRules {
    keywords = List.copyOf(keywords);
  }

  /** Rules that send every text to one department. */
  public static SmsRules everythingTo(String department) {
    return new SmsRules(department, List.of(), Prompt.NONE, true);
  }

  /**
   * Words that route to {@code department}, per language: {@code {"en": ["pothole", "street
   * light"], "es": ["bache"]}}.
   */
  public record KeywordRule(String department, Map<String, List<String>> words) {
    public KeywordRule {
      words = Map.copyOf(words);
    }
  }

  /** What exists in the town, to check rules against; {@code null} sets skip that check. */
  public record Directory(Set<String> departments, List<String> languages) {
    public static final Directory NONE = new Directory(null, List.of());
  }
}
