package io.civicline.routing.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.InvalidInputException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Good and bad rule documents, each bad one with exactly the problems it must report. */
class SmsRulesReaderTest {
  static final SmsRules.Directory LAKESIDE =
      new SmsRules.Directory(
          Set.of("clerk", "treasurer", "building", "public-works", "parks"), List.of("en", "es"));

  static final String LAKESIDE_RULES =
      """
      defaultDepartment: clerk
      keywords:
        - department: public-works
          words:
            en: [pothole, street light, snow plow, trash]
            es: [bache, alumbrado, basura]
        - department: parks
          words: {en: [park, pavilion], es: [parque]}
        - department: treasurer
          words: {en: [tax, taxes, water bill], es: [impuesto, factura]}
      help:
        en: Lakeside Township. Reply STOP to opt out.
        es: Municipio de Lakeside. Responda STOP para darse de baja.
      """;

  static List<String> problems(String text) {
    FieldErrors errors = new FieldErrors();
    try {
      SmsRules rules = SmsRulesReader.read(SmsRulesDocuments.parse(text), LAKESIDE, errors);
      assertThat(rules == null).isEqualTo(!errors.isEmpty());
    } catch (InvalidInputException e) {
      return lines(e.errors());
    }
    return lines(errors.list());
  }

  private static List<String> lines(List<FieldError> errors) {
    return errors.stream().map(e -> e.pointer() + ": " + e.detail()).toList();
  }

  static Stream<Named<String>> good() {
    return Stream.of(
        Named.of("Lakeside's rules", LAKESIDE_RULES),
        Named.of("only a default", "defaultDepartment: clerk"),
        Named.of(
            "JSON, auto-reply off",
            """
            {"defaultDepartment": "clerk", "autoReply": false,
             "keywords": [{"department": "parks", "words": {"es": ["parque"]}}]}
            """),
        Named.of(
            "the same word for the same department in two rules",
            """
            defaultDepartment: clerk
            keywords:
              - {department: parks, words: {en: [park]}}
              - {department: parks, words: {en: [Park]}}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("good")
  void goodRulesHaveNoProblems(String document) {
    assertThat(problems(document)).isEmpty();
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        bad(
            "missing default and unknown field",
            """
            keywords: []
            fallback: clerk
            """,
            "#/defaultDepartment: is required",
            "#/fallback: unknown field"),
        bad(
            "unknown departments",
            """
            defaultDepartment: mayor
            keywords:
              - {department: roads, words: {en: [pothole]}}
            """,
            "#/defaultDepartment: unknown department 'mayor'",
            "#/keywords/0/department: unknown department 'roads'"),
        bad(
            "a word routed to two departments, accents and case aside",
            """
            defaultDepartment: clerk
            keywords:
              - {department: public-works, words: {es: [basura]}}
              - {department: parks, words: {en: [bench], es: [Básura]}}
            """,
            "#/keywords/1/words/es/0: 'Básura' already routes to 'public-works' at"
                + " #/keywords/0/words/es/0"),
        bad(
            "languages: malformed, not offered, empty list, no words at all",
            """
            defaultDepartment: clerk
            keywords:
              - {department: parks, words: {Spanish: [parque], fr: [parc]}}
              - {department: parks, words: {en: []}}
              - {department: parks, words: {}}
            """,
            "#/keywords/0/words/Spanish: is not a language: must be a language tag such as 'en',"
                + " 'es' or 'en-US'",
            "#/keywords/0/words/Spanish: the town does not offer 'Spanish'; it offers [en, es]",
            "#/keywords/0/words/fr: the town does not offer 'fr'; it offers [en, es]",
            "#/keywords/1/words/en: needs at least one word",
            "#/keywords/2/words: needs words in at least one language"),
        bad(
            "bad words and wrong types",
            """
            defaultDepartment: clerk
            autoReply: sometimes
            keywords:
              - {department: parks, words: {en: ["!!!", park, park, 7]}}
              - not an object
            """,
            "#/autoReply: must be true or false",
            "#/keywords/0/words/en/0: must contain a letter or digit",
            "#/keywords/0/words/en/2: duplicate value 'park'",
            "#/keywords/0/words/en/3: must be a non-blank string",
            "#/keywords/1: must be an object"),
        bad(
            "help must speak every language the town offers",
            """
            defaultDepartment: clerk
            help: {en: Reply STOP to opt out.}
            """,
            "#/help: has no 'es' text; the town offers [en, es]"),
        bad(
            "not a mapping",
            "- clerk",
            "#: texting rules must be a mapping with 'defaultDepartment' and 'keywords'"),
        bad(
            "duplicate YAML keys",
            """
            defaultDepartment: clerk
            defaultDepartment: parks
            """,
            "#: YAML error at line 2, column 1: found duplicate key defaultDepartment"));
  }

  private static Arguments bad(String name, String document, String... expected) {
    return Arguments.of(Named.of(name, document), List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badRulesReportExactlyTheirProblems(String document, List<String> expected) {
    assertThat(problems(document)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void readsEveryPart() {
    FieldErrors errors = new FieldErrors();
    SmsRules rules = SmsRulesReader.read(SmsRulesDocuments.parse(LAKESIDE_RULES), LAKESIDE, errors);

    assertThat(errors.list()).isEmpty();
    assertThat(rules.defaultDepartment()).isEqualTo("clerk");
    assertThat(rules.keywords()).hasSize(3);
    assertThat(rules.keywords().get(0).words().get("en")).contains("street light");
    assertThat(rules.help().byLanguage()).containsKeys("en", "es");
    assertThat(rules.autoReply()).isTrue();
  }
}
