package io.civicline.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns: text left, numbers right, so a terminal or a CI log
 * shows ratios that line up without any tooling.
 */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... header) {
    this.header = List.of(header);
  }

  public TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, header has " + header.size());
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  public String render() {
    int[] widths = new int[header.size()];
    for (List<String> line : all()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    out.append(dashes(widths)).append('\n');
    rows.forEach(row -> line(out, row, widths));
    return out.toString();
  }

  private List<List<String>> all() {
    List<List<String>> all = new ArrayList<>(rows);
    all.add(header);
    return all;
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      out.append(i == 0 ? "" : "  ").append(numeric(cell) ? pad + cell : cell + pad);
    }
    out.append('\n');
  }

  private static String dashes(int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      line.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    return line.toString();
  }

  private static boolean numeric(String cell) {
    return cell.matches("[-+±]?[0-9][0-9,.]*[a-zµ×%]*");
  }
}
