package io.civicline.core.directory;

import io.civicline.core.validation.ObjectReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which numbers staff may call from the app, so that a lost phone or a mistyped number cannot run
 * up premium-rate or international charges on the town's account (toll fraud). The longest listed
 * prefix a number starts with decides: an {@code allow} prefix lets the call through, a {@code
 * deny} prefix or no prefix at all refuses it.
 *
 * <p>A town without a policy of its own calls its own country: the calling code of the number the
 * resident sees. Within +1 (the North American Numbering Plan) that still leaves premium-rate
 * 900/976 numbers and the Caribbean countries sharing +1, a classic fraud route; those are denied.
 *
 * @param allow prefixes calls may go to, e.g. {@code +1}, {@code +44}
 * @param deny prefixes refused even inside an allowed one, e.g. {@code +1900}
 */
public record DialingPolicy(List<String> allow, List<String> deny) {
  private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{1,15}");
  private static final int MAX_PREFIXES = 100;

  /** Premium-rate codes and the countries other than the US and Canada inside +1. */
  static final List<String> NANP_DENIED =
      List.of(
          "+1900", "+1976", "+1242", "+1246", "+1264", "+1268", "+1284", "+1345", "+1441", "+1473",
          "+1649", "+1658", "+1664", "+1721", "+1758", "+1767", "+1784", "+1809", "+1829", "+1849",
          "+1868", "+1869", "+1876");

  public DialingPolicy {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
  }

  /** The policy of a town that set none: its own country, as {@code callerId} shows it. */
  public static DialingPolicy homeCountryOf(String callerId) {
    String home = "+" + CountryCodes.of(callerId);
    return new DialingPolicy(List.of(home), home.equals("+1") ? NANP_DENIED : List.of());
  }

  /** Why a call to {@code number} (E.164) is refused, or empty when it may be placed. */
  public Optional<String> refusal(String number) {
    String allowedBy = longestPrefix(allow, number);
    String deniedBy = longestPrefix(deny, number);
    if (allowedBy.isEmpty()) {
      return Optional.of(
          "this town's calls from the app go to numbers starting "
              + String.join(", ", allow)
              + " only; an admin can allow more (outboundDialing)");
    }
    if (deniedBy.length() >= allowedBy.length()) {
      return Optional.of(
          "this town does not allow calls from the app to numbers starting "
              + deniedBy
              + " (premium-rate or abroad); an admin can allow them (outboundDialing)");
    }
    return Optional.empty();
  }

  private static String longestPrefix(List<String> prefixes, String number) {
    String longest = "";
    for (String prefix : prefixes) {
      if (number.startsWith(prefix) && prefix.length() > longest.length()) {
        longest = prefix;
      }
    }
    return longest;
  }

  /** Reads {@code {"allow": [...], "deny": [...]}}; {@code null} when wrong (see the errors). */
  public static DialingPolicy read(ObjectReader in, String field) {
    ObjectReader policy = in.object(field, false);
    if (policy == null) {
      return null;
    }
    List<String> allow = policy.strings("allow", true, MAX_PREFIXES, DialingPolicy::prefix);
    List<String> deny = policy.strings("deny", false, MAX_PREFIXES, DialingPolicy::prefix);
    policy.rejectUnknownFields();
    if (allow == null || deny == null) {
      return null;
    }
    for (int i = 0; i < deny.size(); i++) {
      if (allow.contains(deny.get(i))) {
        in.errors().add(policy.pointerOf("deny") + "/" + i, "is also allowed; list a prefix once");
      }
    }
    return new DialingPolicy(allow, deny);
  }

  static String prefix(String text) {
    return PREFIX.matcher(text).matches()
        ? null
        : "must be '+' then 1 to 15 digits, the start of E.164 numbers (e.g. +1 or +1900)";
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("allow", new JsonArray(new ArrayList<>(allow)))
        .put("deny", new JsonArray(new ArrayList<>(deny)));
  }
}
