package io.civicline.voicemail.store;

import io.civicline.core.files.DurableFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recordings as files under {@code <root>/<tenant>/}: each is written to a temporary file, forced
 * to disk, renamed into place atomically, and the directory is forced so the rename survives a
 * crash. The sidecar is written the same way before the audio, so a visible audio file always has
 * its description. Blocking file work runs on worker threads.
 */
public final class FileRecordingStore implements RecordingStore {
  private static final String STORE = "the recording store";

  private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  static final String AUDIO = ".wav";
  static final String SIDECAR = ".json";

  private final Vertx vertx;
  private final Path root;

  public FileRecordingStore(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root.toAbsolutePath();
  }

  @Override
  public Future<StoredRecording> put(
      String tenant, String messageId, byte[] audio, String sidecarJson) {
    return vertx.executeBlocking(
        () -> {
          Path dir = directory(tenant);
          Files.createDirectories(dir);
          DurableFiles.writeAtomically(
              dir, messageId + SIDECAR, sidecarJson.getBytes(StandardCharsets.UTF_8), STORE);
          DurableFiles.writeAtomically(dir, messageId + AUDIO, audio, STORE);
          return new StoredRecording(key(tenant, messageId), sha256(audio), audio.length);
        },
        false);
  }

  @Override
  public Future<byte[]> read(String key, String sha256) {
    return vertx.executeBlocking(
        () -> {
          byte[] audio = Files.readAllBytes(resolve(key));
          if (!sha256(audio).equals(sha256)) {
            throw new CorruptRecordingException(key);
          }
          return audio;
        },
        false);
  }

  @Override
  public Future<Optional<String>> sidecar(String tenant, String messageId) {
    return vertx.executeBlocking(
        () -> {
          Path file = directory(tenant).resolve(check(messageId) + SIDECAR);
          try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
          } catch (NoSuchFileException e) {
            return Optional.<String>empty();
          }
        },
        false);
  }

  @Override
  public Future<List<String>> messageIds(String tenant) {
    return vertx.executeBlocking(
        () -> {
          Path dir = directory(tenant);
          List<String> ids = new ArrayList<>();
          if (!Files.isDirectory(dir)) {
            return ids;
          }
          try (Stream<Path> files = Files.list(dir)) {
            files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(AUDIO) && !name.startsWith("."))
                .map(name -> name.substring(0, name.length() - AUDIO.length()))
                .sorted()
                .forEach(ids::add);
          }
          return ids;
        },
        false);
  }

  @Override
  public Future<Void> delete(String tenant, String messageId) {
    return vertx.executeBlocking(
        () -> {
          Path dir = directory(tenant);
          Files.deleteIfExists(dir.resolve(check(messageId) + AUDIO));
          Files.deleteIfExists(dir.resolve(messageId + SIDECAR));
          DurableFiles.forceDirectory(dir);
          return null;
        },
        false);
  }

  @Override
  public Future<StoredRecording> checksum(String tenant, String messageId) {
    return vertx.executeBlocking(
        () -> {
          byte[] audio = Files.readAllBytes(directory(tenant).resolve(check(messageId) + AUDIO));
          return new StoredRecording(key(tenant, messageId), sha256(audio), audio.length);
        },
        false);
  }

  /** Leftovers of writes that never finished (a crash mid-write); safe to remove. */
  public Future<Integer> removeUnfinished(String tenant) {
    return vertx.executeBlocking(
        () -> {
          Path dir = directory(tenant);
          if (!Files.isDirectory(dir)) {
            return 0;
          }
          int removed = 0;
          try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                files.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
              Files.deleteIfExists(file);
              removed++;
            }
          }
          return removed;
        },
        false);
  }

  static String key(String tenant, String messageId) {
    return tenant + "/" + messageId + AUDIO;
  }

  private Path directory(String tenant) {
    return root.resolve(check(tenant));
  }

  private Path resolve(String key) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.endsWith(AUDIO)) {
      throw new IllegalArgumentException("not a recording key: " + key);
    }
    String tenant = key.substring(0, slash);
    String id = key.substring(slash + 1, key.length() - AUDIO.length());
    return directory(tenant).resolve(check(id) + AUDIO);
  }

  /** Names become paths: only safe characters, so no key can leave the store's directory. */
  private static String check(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("unsafe name for a recording path: " + name);
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
