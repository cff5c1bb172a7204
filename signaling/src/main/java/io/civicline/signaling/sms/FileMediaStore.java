package io.civicline.signaling.sms;

import io.civicline.core.files.DurableFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Attachments as files under {@code <root>/<tenant>/}, written as recordings are: to a temporary
 * file, forced to disk, renamed into place atomically, the directory forced so the rename survives
 * a crash; the SHA-256 is checked on every read. Blocking file work runs on worker threads.
 */
public final class FileMediaStore implements MediaStore {
  private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

  private final Vertx vertx;
  private final Path root;

  public FileMediaStore(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root.toAbsolutePath();
  }

  @Override
  public Future<StoredMedia> put(String tenant, String name, byte[] content) {
    return vertx.executeBlocking(
        () -> {
          Path dir = root.resolve(check(tenant));
          Files.createDirectories(dir);
          DurableFiles.writeAtomically(dir, check(name), content, "the media store");
          return new StoredMedia(tenant + "/" + name, sha256(content), content.length);
        },
        false);
  }

  @Override
  public Future<byte[]> read(String key, String sha256) {
    return vertx.executeBlocking(
        () -> {
          int slash = key.indexOf('/');
          if (slash < 0) {
            throw new IllegalArgumentException("not a media key: " + key);
          }
          Path file =
              root.resolve(check(key.substring(0, slash))).resolve(check(key.substring(slash + 1)));
          byte[] content = Files.readAllBytes(file);
          if (!sha256(content).equals(sha256)) {
            throw new IllegalStateException("attachment " + key + " does not match its SHA-256");
          }
          return content;
        },
        false);
  }

  /** Names become paths: only safe characters, so no key can leave the store's directory. */
  private static String check(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("unsafe name for a media path: " + name);
    }
    return name;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
