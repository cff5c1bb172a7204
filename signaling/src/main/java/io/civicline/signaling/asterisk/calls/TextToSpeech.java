package io.civicline.signaling.asterisk.calls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Text prompts as audio files Asterisk can play: a configurable command synthesises each (text,
 * language) once into the shared spool's {@code tts/} directory, named by a hash, so later calls
 * find it there. Files appear atomically (temporary name, then rename).
 */
public final class TextToSpeech {
  static final String DIR = "tts";
  private static final int MAX_ERROR_CHARS = 300;

  private final AsteriskSettings settings;

  public TextToSpeech(AsteriskSettings settings) {
    this.settings = settings;
  }

  /**
   * Why the command cannot run at all, e.g. its program is not installed; empty when it looks
   * runnable. Checked at start-up so a missing engine is a clear error, not silent calls.
   */
  public Optional<String> problem() {
    String program = settings.ttsCommand().get(0);
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program))
          ? Optional.empty()
          : Optional.of("text-to-speech program " + program + " is missing or not executable");
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return Optional.empty();
      }
    }
    return Optional.of("text-to-speech program '" + program + "' was not found on the PATH");
  }

  /** The prompt's sound name for STREAM FILE (Asterisk's path, no extension). */
  public String prompt(String text, String language) throws IOException {
    String name = hash(language + "\n" + text);
    Path dir = settings.spoolDir().resolve(DIR);
    Path file = dir.resolve(name + ".wav");
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      synthesise(text, language, dir, file);
    }
    return settings.onAsterisk(DIR + "/" + name);
  }

  private void synthesise(String text, String language, Path dir, Path file) throws IOException {
    Path temp = Files.createTempFile(dir, ".tts-", ".wav");
    try {
      run(command(text, language, temp));
      if (Files.size(temp) == 0) {
        throw new IOException("text-to-speech wrote nothing");
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private List<String> command(String text, String language, Path output) {
    List<String> command = new ArrayList<>();
    for (String part : settings.ttsCommand()) {
      command.add(
          part.replace("{text}", text)
              .replace("{language}", language)
              .replace("{output}", output.toString()));
    }
    return command;
  }

  private void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Drained on the side: a chatty engine must not block on a full pipe.
    java.util.concurrent.CompletableFuture<byte[]> drained =
        new java.util.concurrent.CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (var in = process.getInputStream()) {
                drained.complete(in.readNBytes(64 * 1024));
                in.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException e) {
                drained.complete(new byte[0]);
              }
            });
    try {
      process.getOutputStream().close();
      if (!process.waitFor(settings.ttsTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("text-to-speech took longer than " + settings.ttsTimeout());
      }
      String output = new String(drained.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException(
            "text-to-speech exited with "
                + process.exitValue()
                + ": "
                + output.substring(0, Math.min(output.length(), MAX_ERROR_CHARS)).strip());
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("could not read what text-to-speech printed", e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while synthesising a prompt", e);
    }
  }

  static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
