package io.civicline.signaling.asterisk.agi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FastAGI environment block: {@code agi_key: value} lines up to an empty line.
 *
 * @param env every variable, keys without the {@code agi_} prefix, in wire order
 * @param script the script path of {@code agi://host:port/<script>?query} without the query
 * @param query the decoded query parameters ({@code tenant}, {@code number}, ...)
 * @param args {@code agi_arg_1..N} in order (empty strings kept)
 */
public record AgiRequest(
    Map<String, String> env, String script, Map<String, String> query, List<String> args) {

  public AgiRequest {
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    args = List.copyOf(args);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(env.get(key));
  }

  public Optional<String> tenant() {
    return Optional.ofNullable(query.get("tenant"));
  }

  public Optional<String> number() {
    return Optional.ofNullable(query.get("number"));
  }

  public String channel() {
    return env.getOrDefault("channel", "");
  }

  public String uniqueId() {
    return env.getOrDefault("uniqueid", "");
  }

  /** Builds the request from the env lines (already split at {@code ": "}, prefix stripped). */
  static AgiRequest of(Map<String, String> env) throws AgiProtocolException {
    String scriptAndQuery = env.get("network_script");
    if (scriptAndQuery == null) {
      String request = env.getOrDefault("request", "");
      int slash = request.indexOf('/', request.indexOf("://") + 3);
      scriptAndQuery =
          request.startsWith("agi://") && slash > 0 ? request.substring(slash + 1) : "";
    }
    int q = scriptAndQuery.indexOf('?');
    String script = q < 0 ? scriptAndQuery : scriptAndQuery.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : scriptAndQuery.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        query.putIfAbsent(decode(k), decode(v));
      }
    }
    List<String> args = new ArrayList<>();
    for (int i = 1; env.containsKey("arg_" + i); i++) {
      args.add(env.get("arg_" + i));
    }
    return new AgiRequest(env, script, query, args);
  }

  /** Percent-decoding only: a literal {@code +} stays {@code +} (phone numbers). */
  private static String decode(String s) throws AgiProtocolException {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AgiProtocolException("malformed query in agi_network_script");
    }
  }
}
