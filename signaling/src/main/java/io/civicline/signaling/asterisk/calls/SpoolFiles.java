package io.civicline.signaling.asterisk.calls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files into the spool shared with Asterisk so that they appear whole or not at all. */
final class SpoolFiles {
  private SpoolFiles() {}

  /** Writes {@code bytes} to {@code file} unless it exists (content-addressed names). */
  static void writeOnce(Path file, byte[] bytes) throws IOException {
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".part-", ".tmp");
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The sound name Asterisk plays for a file: its path without the extension. */
  static String soundName(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash ? path.substring(0, dot) : path;
  }
}
