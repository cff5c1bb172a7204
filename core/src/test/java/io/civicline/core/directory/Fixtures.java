package io.civicline.core.directory;

import io.civicline.core.validation.FieldError;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * JSON fixture files under {@code src/test/resources}. A bad {@code x.json} comes with {@code
 * x.expected}: one {@code pointer: detail} line per error it must produce.
 */
final class Fixtures {
  private Fixtures() {}

  /** The {@code .json} files of a test resource folder, e.g. {@code holiday-calendars/bad}. */
  static Stream<Path> jsonFiles(String folder) {
    try (Stream<Path> files = Files.list(directory(folder))) {
      List<Path> json = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
      if (json.isEmpty()) {
        throw new IllegalStateException("No fixtures in " + folder);
      }
      return json.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One fixture file, e.g. {@code holiday-calendars/good/minimal.json}. */
  static Path file(String relative) {
    return directory(relative);
  }

  static JsonObject json(Path file) {
    return new JsonObject(read(file));
  }

  static List<FieldError> expectedErrors(Path jsonFile) {
    Path expected =
        jsonFile.resolveSibling(jsonFile.getFileName().toString().replace(".json", ".expected"));
    return read(expected).lines().filter(line -> !line.isBlank()).map(Fixtures::error).toList();
  }

  private static FieldError error(String line) {
    int colon = line.indexOf(": ");
    return new FieldError(line.substring(0, colon), line.substring(colon + 2));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(String folder) {
    URL url = Fixtures.class.getResource("/" + folder);
    if (url == null) {
      throw new IllegalStateException("No test resource folder " + folder);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
