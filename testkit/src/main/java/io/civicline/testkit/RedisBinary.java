package io.civicline.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the {@code redis-server} binary, or explains how to get it. */
final class RedisBinary {
  static final String MISSING =
      "redis-server was not found. CivicLine tests run against a real Redis: install it with"
          + " 'apt-get install redis-server' (./civicline test does this on Debian), or set"
          + " CIVICLINE_REDIS_SERVER to the binary's path.";

  private RedisBinary() {}

  static String locate() {
    return locate(System.getenv());
  }

  static String locate(java.util.Map<String, String> env) {
    String configured = env.get("CIVICLINE_REDIS_SERVER");
    if (configured != null && !configured.isBlank()) {
      if (Files.isExecutable(Path.of(configured))) {
        return configured;
      }
      throw new IllegalStateException(
          "CIVICLINE_REDIS_SERVER=" + configured + " is not executable");
    }
    String path = env.getOrDefault("PATH", "");
    List<String> dirs = new java.util.ArrayList<>(List.of(path.split(":")));
    for (String dir : dirs) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(MISSING);
  }
}
