package io.civicline.ops;

/** Placeholder entry point; the composition root arrives with the foundation issue. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {}
}
