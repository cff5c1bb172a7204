package io.civicline.routing.sms;

import io.civicline.routing.calendar.Holiday;
import io.civicline.routing.calendar.HolidayCalendars;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.flow.Prompt;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes an incoming text: (rules, text, what we know of the resident, the town, now) -> the
 * department, the resident's language and an automatic reply when that department is closed. Pure:
 * no I/O and no clock.
 *
 * <p>Department: the keyword found earliest in the text (rule order breaks ties), else the
 * department the resident is already talking with (so "thanks!" after a reply stays in its thread),
 * else the texted number's own department, else the rules' default. Language: the language of that
 * keyword, else a clear guess from common words, else the resident's stored language, else the
 * town's default; only languages the town offers count.
 */
public final class SmsRouter {
  private SmsRouter() {}

  /**
   * What is known of the resident who texted.
   *
   * @param language the language they last wrote in
   * @param conversation the department of their current conversation on this number, if any
   */
  public record Resident(Optional<String> language, Optional<String> conversation) {
    public static final Resident UNKNOWN = new Resident(Optional.empty(), Optional.empty());
  }

  /**
   * @param numberDepartment the department the texted number belongs to, if any
   */
  public static SmsRoute route(
      SmsRules rules,
      String text,
      Resident resident,
      Optional<String> numberDepartment,
      CallContext town,
      Instant now) {
    Optional<String> storedLanguage = resident.language();
    String normalized = TextMatch.normalize(text);
    Optional<Match> match = firstKeyword(rules, normalized, town.languages());
    Optional<String> known = storedLanguage.filter(town.languages()::contains);
    String language =
        match
            .flatMap(m -> m.language(known))
            .or(() -> LanguageGuess.guess(normalized, town.languages()))
            .or(() -> known)
            .orElse(town.defaultLanguage());
    String department;
    SmsRoute.Reason reason;
    if (match.isPresent()) {
      department = match.get().department();
      reason = SmsRoute.Reason.KEYWORD;
    } else if (resident.conversation().isPresent()) {
      department = resident.conversation().get();
      reason = SmsRoute.Reason.CONVERSATION;
    } else if (numberDepartment.isPresent()) {
      department = numberDepartment.get();
      reason = SmsRoute.Reason.NUMBER;
    } else {
      department = rules.defaultDepartment();
      reason = SmsRoute.Reason.DEFAULT;
    }
    Optional<String> autoReply =
        rules.autoReply() ? closedReply(town, department, language, now) : Optional.empty();
    return new SmsRoute(department, language, reason, match.map(Match::keyword), autoReply);
  }

  /**
   * What the department's state says to a resident right now: an active closure's own message, else
   * a holiday, else being outside its hours; empty while it is open or unknown.
   */
  public static Optional<String> closedReply(
      CallContext town, String department, String language, Instant now) {
    CallContext.DepartmentSchedule schedule = town.departments().get(department);
    if (schedule == null) {
      return Optional.empty();
    }
    String hours = HoursText.of(schedule.hours(), language);
    String hoursLine = hours.isEmpty() ? "" : " " + SmsPhrases.HOURS.in(language, hours);
    Optional<CallContext.Closure> closure = town.closureFor(department, now);
    if (closure.isPresent()) {
      Prompt message = closure.get().message();
      String said =
          message.in(language, town.defaultLanguage()).map(Prompt.Localized::text).orElse("");
      return Optional.of((said.isEmpty() ? SmsPhrases.CLOSED.in(language) : said) + hoursLine);
    }
    ZonedDateTime local = now.atZone(town.timeZone());
    Optional<Holiday> holiday =
        HolidayCalendars.holidayOn(schedule.holidays(), local.toLocalDate());
    if (holiday.isPresent()) {
      return Optional.of(SmsPhrases.CLOSED_HOLIDAY.in(language, holiday.get().name()) + hoursLine);
    }
    if (schedule.hours().isOpen(local.toLocalDateTime())) {
      return Optional.empty();
    }
    return Optional.of(SmsPhrases.CLOSED.in(language) + hoursLine);
  }

  /** The answer to HELP: the town's own text in the language, else the built-in one. */
  public static String helpText(SmsRules rules, String language, String defaultLanguage) {
    return rules
        .help()
        .in(language, defaultLanguage)
        .map(Prompt.Localized::text)
        .orElseGet(() -> SmsPhrases.HELP.in(language));
  }

  /** A keyword found in the text and the languages it is listed under for its department. */
  private record Match(String department, String keyword, List<String> languages, int at) {
    Optional<String> language(Optional<String> known) {
      if (known.isPresent() && languages.contains(known.get())) {
        return known;
      }
      return languages.stream().findFirst();
    }
  }

  private static Optional<Match> firstKeyword(
      SmsRules rules, String normalized, List<String> offered) {
    Match best = null;
    for (SmsRules.KeywordRule rule : rules.keywords()) {
      for (Map.Entry<String, List<String>> entry : sortedByLanguage(rule)) {
        for (String word : entry.getValue()) {
          int at = TextMatch.find(normalized, TextMatch.normalize(word));
          if (at < 0) {
            continue;
          }
          if (best == null || at < best.at()) {
            best = new Match(rule.department(), word, new java.util.ArrayList<>(), at);
          }
          if (best.department().equals(rule.department())
              && best.at() == at
              && offered.contains(entry.getKey())
              && !best.languages().contains(entry.getKey())) {
            best.languages().add(entry.getKey());
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Languages in a fixed order, so a word listed under two languages resolves the same way. */
  private static List<Map.Entry<String, List<String>>> sortedByLanguage(SmsRules.KeywordRule rule) {
    return rule.words().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
  }
}
