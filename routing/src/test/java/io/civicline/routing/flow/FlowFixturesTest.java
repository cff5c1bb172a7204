package io.civicline.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlowFixturesTest {

  static Stream<Named<Path>> goodDocuments() throws IOException {
    return FlowFixtures.documents("good").map(FlowFixturesTest::byFileName);
  }

  static Stream<Named<Path>> badDocuments() throws IOException {
    return FlowFixtures.documents("bad").map(FlowFixturesTest::byFileName);
  }

  private static Named<Path> byFileName(Path path) {
    return Named.of(path.getFileName().toString(), path);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodDocuments")
  void goodDocumentsHaveNoProblems(Path document) {
    List<String> problems =
        FlowFixtures.problems(
            FlowFixtures.flowId(document), FlowFixtures.text(document), FlowFixtures.LAKESIDE);

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void badDocumentsYieldExactlyTheirExpectedProblems(Path document) throws IOException {
    Path expectedFile = Path.of(document.toString().replaceFirst("\\.(yaml|json)$", ".expected"));
    assertThat(expectedFile).as("sibling .expected file").exists();
    List<String> expected =
        Files.readAllLines(expectedFile).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("# "))
            .toList();

    List<String> problems =
        FlowFixtures.problems(
            FlowFixtures.flowId(document), FlowFixtures.text(document), FlowFixtures.LAKESIDE);

    assertThat(problems).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyRuleHasABadFixtureAndEveryExpectationADocument() throws IOException {
    try (Stream<Path> files = Files.list(FlowFixtures.directory("bad"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      List<String> expectations = names.stream().filter(n -> n.endsWith(".expected")).toList();
      List<String> documents = names.stream().filter(n -> !n.endsWith(".expected")).toList();
      assertThat(expectations).hasSameSizeAs(documents).hasSizeGreaterThanOrEqualTo(17);
    }
  }
}
