package io.civicline.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either whole or absent, and durable once written: a temporary file is written and
 * forced to disk, renamed into place atomically, and the rename itself is forced by syncing the
 * directory. Blocking: call from a worker or a virtual thread, never an event loop.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Writes {@code content} as {@code dir/name}, replacing what was there.
   *
   * @param store names the store in the error when the file system cannot rename atomically
   */
  public static void writeAtomically(Path dir, String name, byte[] content, String store)
      throws IOException {
    Path temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(
          temp,
          dir.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw new IOException(store + " needs a file system with atomic rename", e);
    }
    forceDirectory(dir);
  }

  /** Makes renames and deletions in {@code dir} durable. */
  public static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
