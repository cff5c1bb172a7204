package io.civicline.routing.sms;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.flow.NewErrors;
import io.civicline.routing.flow.Prompt;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a town's texting rules, recording every problem with its JSON Pointer, and checks them
 * against the town: departments that exist, languages it offers, and no keyword that sends the same
 * language to two departments (which one would win would be an accident of order).
 *
 * <pre>{@code
 * defaultDepartment: clerk
 * keywords:
 *   - department: public-works
 *     words: {en: [pothole, street light], es: [bache]}
 * help: {en: "...", es: "..."}   # optional
 * autoReply: true                # optional, default true
 * }</pre>
 */
public final class SmsRulesReader {
  static final int MAX_RULES = 100;
  static final int MAX_WORDS = 50;
  static final int MAX_WORD_LENGTH = 40;

  private SmsRulesReader() {}

  /** The rules, or {@code null} when {@code errors} received any problem. */
  public static SmsRules read(JsonObject document, SmsRules.Directory town, FieldErrors errors) {
    ObjectReader in = ObjectReader.root(document, errors);
    NewErrors mine = NewErrors.since(in);
    String defaultDepartment = in.string("defaultDepartment", true, 48, Formats::slug);
    List<SmsRules.KeywordRule> rules = readRules(in);
    Prompt help = Prompt.read(in, "help", false, 480);
    Boolean autoReply = in.bool("autoReply", false);
    in.rejectUnknownFields();
    if (defaultDepartment != null) {
      checkDepartment(in, in.pointerOf("defaultDepartment"), defaultDepartment, town);
    }
    if (help != null) {
      checkLanguages(in, "#/help", help.byLanguage().keySet(), town, true);
    }
    checkRules(in, town);
    if (!mine.none()) {
      return null;
    }
    return new SmsRules(defaultDepartment, rules, help, autoReply == null || autoReply);
  }

  private static List<SmsRules.KeywordRule> readRules(ObjectReader in) {
    List<SmsRules.KeywordRule> rules = new ArrayList<>();
    List<ObjectReader> items = in.objects("keywords", false, MAX_RULES);
    if (items == null) {
      return rules;
    }
    for (ObjectReader item : items) {
      String department = item.string("department", true, 48, Formats::slug);
      Map<String, List<String>> words = readWords(item);
      item.rejectUnknownFields();
      if (department != null && words != null) {
        rules.add(new SmsRules.KeywordRule(department, words));
      }
    }
    return rules;
  }

  private static Map<String, List<String>> readWords(ObjectReader item) {
    ObjectReader in = item.object("words", true);
    if (in == null) {
      return null;
    }
    Map<String, List<String>> words = new LinkedHashMap<>();
    for (String language : in.fieldNames()) {
      String problem = Formats.language(language);
      if (problem != null) {
        in.has(language);
        in.errors().add(in.pointerOf(language), "is not a language: " + problem);
        continue;
      }
      List<String> list = in.strings(language, true, MAX_WORDS, SmsRulesReader::wordProblem);
      if (list != null && list.isEmpty()) {
        in.errors().add(in.pointerOf(language), "needs at least one word");
      } else if (list != null) {
        words.put(language, list);
      }
    }
    if (in.fieldNames().isEmpty()) {
      in.errors().add(item.pointerOf("words"), "needs words in at least one language");
    }
    return words;
  }

  private static String wordProblem(String word) {
    if (word.length() > MAX_WORD_LENGTH) {
      return "must be at most " + MAX_WORD_LENGTH + " characters";
    }
    if (TextMatch.normalize(word).chars().noneMatch(Character::isLetterOrDigit)) {
      return "must contain a letter or digit";
    }
    return null;
  }

  private static void checkDepartment(
      ObjectReader in, String pointer, String department, SmsRules.Directory town) {
    if (town.departments() != null && !town.departments().contains(department)) {
      in.errors().add(pointer, "unknown department '" + department + "'");
    }
  }

  /**
   * Keyword languages must be offered by the town; the HELP text, like a flow's prompts, must speak
   * every language it offers.
   */
  private static void checkLanguages(
      ObjectReader in,
      String pointer,
      java.util.Set<String> languages,
      SmsRules.Directory town,
      boolean everyOffered) {
    if (town.languages().isEmpty()) {
      return;
    }
    for (String language : languages) {
      if (!town.languages().contains(language)) {
        in.errors()
            .add(
                pointer + "/" + language,
                "the town does not offer '" + language + "'; it offers " + town.languages());
      }
    }
    if (everyOffered && !languages.isEmpty()) {
      for (String language : town.languages()) {
        if (!languages.contains(language)) {
          in.errors()
              .add(pointer, "has no '" + language + "' text; the town offers " + town.languages());
        }
      }
    }
  }

  /**
   * Each rule's department and languages against the town, and words that route one language to two
   * departments. Walks the raw document so each problem carries its position in the list.
   */
  private static void checkRules(ObjectReader in, SmsRules.Directory town) {
    if (!(in.json().getValue("keywords") instanceof io.vertx.core.json.JsonArray raw)) {
      return;
    }
    Map<String, String> owner = new HashMap<>();
    Map<String, String> ownerPointer = new HashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.getValue(i) instanceof JsonObject rule)
          || !(rule.getValue("department") instanceof String department)
          || !(rule.getValue("words") instanceof JsonObject words)) {
        continue;
      }
      String rulePointer = "#/keywords/" + i;
      department = department.strip();
      checkDepartment(in, rulePointer + "/department", department, town);
      checkLanguages(in, rulePointer + "/words", words.fieldNames(), town, false);
      for (String language : words.fieldNames()) {
        if (!(words.getValue(language) instanceof io.vertx.core.json.JsonArray list)) {
          continue;
        }
        for (int w = 0; w < list.size(); w++) {
          if (!(list.getValue(w) instanceof String word) || word.isBlank()) {
            continue;
          }
          String key = language + "|" + TextMatch.normalize(word);
          String pointer = rulePointer + "/words/" + language + "/" + w;
          String previous = owner.putIfAbsent(key, department);
          if (previous != null && !previous.equals(department)) {
            in.errors()
                .add(
                    pointer,
                    "'"
                        + word.strip()
                        + "' already routes to '"
                        + previous
                        + "' at "
                        + ownerPointer.get(key));
          } else if (previous == null) {
            ownerPointer.put(key, pointer);
          }
        }
      }
    }
  }
}
