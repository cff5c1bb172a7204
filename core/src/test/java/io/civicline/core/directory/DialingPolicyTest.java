package io.civicline.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class DialingPolicyTest {
  private static final String LAKESIDE_MAIN = "+12075550100";

  @Test
  void aUsTownWithoutAPolicyCallsTheUsAndCanadaButNotPremiumRateOrTheCaribbean() {
    DialingPolicy home = DialingPolicy.homeCountryOf(LAKESIDE_MAIN);

    assertThat(home.refusal("+12075550123")).isEmpty();
    assertThat(home.refusal("+14165550199")).as("Toronto").isEmpty();
    assertThat(home.refusal("+17875550100")).as("Puerto Rico").isEmpty();
    assertThat(home.refusal("+19005550100"))
        .get(InstanceOfAssertFactories.STRING)
        .contains("+1900");
    assertThat(home.refusal("+18765550100"))
        .get(InstanceOfAssertFactories.STRING)
        .contains("+1876");
    assertThat(home.refusal("+442075550100"))
        .get(InstanceOfAssertFactories.STRING)
        .contains("starting +1 only")
        .contains("outboundDialing");
  }

  @Test
  void theHomeCountryIsTheCallingCodeOfTheNumberShown() {
    assertThat(DialingPolicy.homeCountryOf("+442075550100").allow()).containsExactly("+44");
    assertThat(DialingPolicy.homeCountryOf("+442075550100").deny()).isEmpty();
    assertThat(DialingPolicy.homeCountryOf("+35315550100").allow()).containsExactly("+353");
    assertThat(DialingPolicy.homeCountryOf("+74955550100").allow()).containsExactly("+7");
    assertThat(DialingPolicy.homeCountryOf("+35315550100").refusal("+3531234567")).isEmpty();
    assertThat(DialingPolicy.homeCountryOf("+35315550100").refusal("+3521234567")).isPresent();
  }

  @Test
  void theLongestMatchingPrefixDecides() {
    DialingPolicy policy = new DialingPolicy(List.of("+1", "+1876555"), List.of("+1876", "+1900"));

    assertThat(policy.refusal("+18765550100")).as("allowed inside a denied code").isEmpty();
    assertThat(policy.refusal("+18764440100")).isPresent();
    assertThat(policy.refusal("+19005550100")).isPresent();
    assertThat(policy.refusal("+12075550100")).isEmpty();
  }

  @Test
  void readsAPolicyAndNamesEveryWrongPrefixByItsPath() {
    FieldErrors errors = new FieldErrors();
    ObjectReader in =
        ObjectReader.root(
            new JsonObject()
                .put("outboundDialing", new JsonObject().put("allow", List.of("+1", "+44"))),
            errors);
    DialingPolicy policy = DialingPolicy.read(in, "outboundDialing");
    assertThat(errors.isEmpty()).isTrue();
    assertThat(policy.toJson())
        .isEqualTo(new JsonObject().put("allow", List.of("+1", "+44")).put("deny", List.of()));

    FieldErrors wrong = new FieldErrors();
    DialingPolicy none =
        DialingPolicy.read(
            ObjectReader.root(
                new JsonObject()
                    .put(
                        "outboundDialing",
                        new JsonObject()
                            .put("allow", List.of("+1", "1900"))
                            .put("deny", List.of("+1"))
                            .put("block", List.of())),
                wrong),
            "outboundDialing");
    assertThat(none).isNull();
    assertThat(wrong.list())
        .extracting(e -> e.pointer())
        .containsExactlyInAnyOrder("#/outboundDialing/allow/1", "#/outboundDialing/block");
  }

  @Test
  void aDenyPrefixAlsoAllowedIsAnError() {
    FieldErrors errors = new FieldErrors();
    DialingPolicy.read(
        ObjectReader.root(
            new JsonObject()
                .put(
                    "outboundDialing",
                    new JsonObject().put("allow", List.of("+1")).put("deny", List.of("+1"))),
            errors),
        "outboundDialing");
    assertThat(errors.list())
        .extracting(e -> e.pointer())
        .containsExactly("#/outboundDialing/deny/0");
  }
}
