package io.civicline.signaling.asterisk.calls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files into the spool shared with Asterisk so that they appear whole or not at all. */
final class SpoolFiles {
  private SpoolFiles() {}

  /** Writes {@code bytes} to {@code file} unless it exists (content-addressed names). */
  static void writeOnce(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(file.getParent());
    io.civicline.core.files.DurableFiles.writeAtomically(
        file.getParent(), file.getFileName().toString(), bytes, "the Asterisk spool");
  }

  /** The sound name Asterisk plays for a file: its path without the extension. */
  static String soundName(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash ? path.substring(0, dot) : path;
  }
}
