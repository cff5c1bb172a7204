package io.civicline.bench.agi;

import io.civicline.signaling.asterisk.agi.FastAgiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AgiLoad's settings.
 *
 * @param calls the loads to run, each a number of calls placed at once
 * @param scenarios scenario names; the baseline is always run, first, at every load
 * @param hold how long all calls stay held together once every one of them is in its first GET DATA
 * @param maxCalls the server's concurrent-call limit (calls over it are rejected)
 * @param warmupCalls calls per scenario before the measured runs, so the JIT has compiled the
 *     server's and the handlers' code (0: none)
 */
record LoadOptions(
    List<Integer> calls,
    List<String> scenarios,
    Duration hold,
    int maxCalls,
    AsteriskReplies replies,
    String script,
    Duration readTimeout,
    int warmupCalls) {

  static final String USAGE =
      """
      usage: AgiLoad [--calls 100,500,1000,2000] [--scenarios baseline,ivr] [--hold-ms 500]
                     [--max-calls N] [--digits 1,2] [--var NAME=VALUE ...] [--script PATH?QUERY]
                     [--warmup-calls 200] [--smoke]
        --calls         loads to run; each places that many calls at once (default 100,500,1000,2000)
        --scenarios     scenarios to run besides the baseline (default: all)
        --hold-ms       how long all calls stay held together in their first GET DATA (default 500)
        --max-calls     the server's concurrent-call limit (default: the server's own, %d)
        --digits        what successive GET DATA commands of a call return (default 1)
        --var           a GET VARIABLE value (default DIALSTATUS=NOANSWER, CALLERID(num)=+12695550123)
        --script        the AGI script and query (default %s)
        --warmup-calls  calls per scenario before measuring (default 200)
        --smoke         a quick check: 20 calls, 50 ms hold, no warm-up
      """;

  static final int SERVER_DEFAULT_MAX_CALLS =
      FastAgiServer.Options.defaults("127.0.0.1", 0).maxConcurrentCalls();
  static final String DEFAULT_SCRIPT = "flow?tenant=lakeside&number=%2B12695550100";

  static LoadOptions defaults() {
    return new LoadOptions(
        List.of(100, 500, 1000, 2000),
        List.of(),
        Duration.ofMillis(500),
        SERVER_DEFAULT_MAX_CALLS,
        AsteriskReplies.defaults(),
        DEFAULT_SCRIPT,
        Duration.ofSeconds(30),
        200);
  }

  static LoadOptions smoke() {
    return defaults().withCalls(List.of(20)).withHold(Duration.ofMillis(50)).withWarmupCalls(0);
  }

  static String usage() {
    return USAGE.formatted(SERVER_DEFAULT_MAX_CALLS, DEFAULT_SCRIPT);
  }

  /**
   * @throws IllegalArgumentException on anything it does not understand, with a message to show
   */
  static LoadOptions parse(String... args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    LoadOptions options = rest.remove("--smoke") ? smoke() : defaults();
    Map<String, String> variables = new LinkedHashMap<>(options.replies().variables());
    List<String> digits = options.replies().digits();
    for (int i = 0; i < rest.size(); i += 2) {
      String flag = rest.get(i);
      if (i + 1 >= rest.size()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = rest.get(i + 1);
      options =
          switch (flag) {
            case "--calls", "--sessions" -> options.withCalls(positiveInts(flag, value));
            case "--scenarios" -> options.withScenarios(List.of(value.split(",")));
            case "--hold-ms" -> options.withHold(Duration.ofMillis(nonNegative(flag, value)));
            case "--max-calls" -> options.withMaxCalls(positiveInts(flag, value).get(0));
            case "--warmup-calls" -> options.withWarmupCalls(nonNegative(flag, value));
            case "--script" -> options.withScript(value);
            case "--digits" -> {
              digits = List.of(value.split(","));
              yield options;
            }
            case "--var" -> {
              int eq = value.indexOf('=');
              if (eq < 1) {
                throw new IllegalArgumentException("--var wants NAME=VALUE, got " + value);
              }
              variables.put(value.substring(0, eq), value.substring(eq + 1));
              yield options;
            }
            default -> throw new IllegalArgumentException("unknown option " + flag);
          };
    }
    return options.withReplies(new AsteriskReplies(digits, variables));
  }

  LoadOptions withCalls(List<Integer> value) {
    return new LoadOptions(
        value, scenarios, hold, maxCalls, replies, script, readTimeout, warmupCalls);
  }

  LoadOptions withScenarios(List<String> value) {
    return new LoadOptions(calls, value, hold, maxCalls, replies, script, readTimeout, warmupCalls);
  }

  LoadOptions withHold(Duration value) {
    return new LoadOptions(
        calls, scenarios, value, maxCalls, replies, script, readTimeout, warmupCalls);
  }

  LoadOptions withMaxCalls(int value) {
    return new LoadOptions(
        calls, scenarios, hold, value, replies, script, readTimeout, warmupCalls);
  }

  LoadOptions withReplies(AsteriskReplies value) {
    return new LoadOptions(
        calls, scenarios, hold, maxCalls, value, script, readTimeout, warmupCalls);
  }

  LoadOptions withScript(String value) {
    return new LoadOptions(
        calls, scenarios, hold, maxCalls, replies, value, readTimeout, warmupCalls);
  }

  LoadOptions withWarmupCalls(int value) {
    return new LoadOptions(calls, scenarios, hold, maxCalls, replies, script, readTimeout, value);
  }

  private static List<Integer> positiveInts(String flag, String value) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : value.split(",")) {
      int n = nonNegative(flag, part);
      if (n == 0) {
        throw new IllegalArgumentException(flag + " wants numbers above 0, got " + value);
      }
      numbers.add(n);
    }
    return List.copyOf(numbers);
  }

  private static int nonNegative(String flag, String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " wants a whole number >= 0, got " + value);
    }
  }
}
