package io.civicline.routing.flow;

import io.civicline.core.validation.FieldError;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The flow documents under {@code src/test/resources/flows}, and the Lakeside directory. */
public final class FlowFixtures {
  public static final List<String> LANGUAGES = List.of("en", "es");

  /** Lakeside Township as the fixtures name it. */
  public static final FlowValidator.Directory LAKESIDE =
      new FlowValidator.Directory(
          Set.of("clerk", "treasurer", "building", "public-works", "parks"),
          Set.of(
              "maria-gonzalez",
              "tom-becker",
              "dave-kowalski",
              "rob-miller",
              "sofia-reyes",
              "jim-oconnor",
              "carla-jensen",
              "ben-adeyemi"),
          Set.of("main", "public-works", "parks"),
          LANGUAGES);

  private FlowFixtures() {}

  public static Path directory(String name) {
    try {
      return Path.of(FlowFixtures.class.getResource("/flows/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The flow documents of {@code good} or {@code bad}, by file name. */
  public static Stream<Path> documents(String name) throws IOException {
    return Files.list(directory(name))
        .filter(path -> path.toString().matches(".*\\.(yaml|json)"))
        .sorted();
  }

  public static String text(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A flow's id from its file: {@code lakeside-public-works.yaml} is {@code public-works}. */
  public static String flowId(Path path) {
    return path.getFileName()
        .toString()
        .replaceFirst("\\.(yaml|json)$", "")
        .replaceFirst("^lakeside-", "");
  }

  /** Parses, reads and validates a document; every problem as {@code pointer: detail}. */
  public static List<String> problems(String id, String text, FlowValidator.Directory directory) {
    FieldErrors errors = new FieldErrors();
    try {
      Flow flow = FlowReader.read(id, FlowDocuments.parse(text), errors);
      if (flow != null) {
        FlowValidator.validate(flow, directory, errors);
      }
    } catch (InvalidInputException e) {
      return lines(e.errors());
    }
    return lines(errors.list());
  }

  /** A good flow, read and validated; fails on any problem. */
  public static Flow load(String fileName) {
    Path path = directory("good").resolve(fileName);
    String id = flowId(path);
    FieldErrors errors = new FieldErrors();
    Flow flow = FlowReader.read(id, FlowDocuments.parse(text(path)), errors);
    if (flow != null) {
      FlowValidator.validate(flow, LAKESIDE, errors);
    }
    errors.throwIfAny();
    return flow;
  }

  /** A flow written in a test, read and validated structurally (no directory). */
  public static Flow read(String id, String yaml) {
    FieldErrors errors = new FieldErrors();
    Flow flow = FlowReader.read(id, FlowDocuments.parse(yaml), errors);
    if (flow != null) {
      FlowValidator.validate(flow, FlowValidator.Directory.NONE, errors);
    }
    errors.throwIfAny();
    return flow;
  }

  private static List<String> lines(List<FieldError> errors) {
    return errors.stream().map(e -> e.pointer() + ": " + e.detail()).toList();
  }
}
