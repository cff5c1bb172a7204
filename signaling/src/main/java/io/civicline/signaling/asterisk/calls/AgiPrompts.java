package io.civicline.signaling.asterisk.calls;

import io.civicline.core.ports.GreetingAudio;
import io.civicline.routing.engine.Action;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the engine's prompts into sound names Asterisk can STREAM: text through {@link
 * TextToSpeech}, uploaded greetings and audio URLs copied once into the shared spool. A prompt that
 * cannot be prepared is logged and skipped: the caller still gets the menu, not a dead line.
 */
final class AgiPrompts {
  private static final Logger LOG = LoggerFactory.getLogger(AgiPrompts.class);
  static final String GREETINGS = "greetings";
  static final String MEDIA = "media";
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(10);

  private final AsteriskSettings settings;
  private final TextToSpeech tts;
  private final GreetingAudio greetings;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(DOWNLOAD_TIMEOUT).build();

  AgiPrompts(AsteriskSettings settings, TextToSpeech tts, GreetingAudio greetings) {
    this.settings = settings;
    this.tts = tts;
    this.greetings = greetings;
  }

  /** The sound to play for a prompt action, or empty when there is nothing playable. */
  Optional<String> sound(String tenant, Action prompt) {
    try {
      return switch (prompt) {
        case Action.Say say -> Optional.of(tts.prompt(say.text(), say.language()));
        case Action.Play play -> Optional.of(media(play.url()));
        case Action.PlayGreeting greeting -> greeting(tenant, greeting);
        default -> Optional.empty();
      };
    } catch (IOException | RuntimeException e) {
      LOG.atError()
          .addKeyValue("tenant", tenant)
          .addKeyValue("prompt", prompt.getClass().getSimpleName())
          .setCause(e)
          .log("could not prepare a prompt for Asterisk; skipped");
      return Optional.empty();
    }
  }

  private Optional<String> greeting(String tenant, Action.PlayGreeting greeting)
      throws IOException {
    Optional<byte[]> wav =
        Blocking.await(
            greetings.wav(tenant, greeting.mailbox(), greeting.language(), greeting.sha256()));
    if (wav.isEmpty()) {
      return Optional.empty();
    }
    String name = GREETINGS + "/" + greeting.sha256();
    SpoolFiles.writeOnce(settings.spoolDir().resolve(name + ".wav"), wav.get());
    return Optional.of(settings.onAsterisk(name));
  }

  /** A path is a sound on the Asterisk host; an http(s) URL is fetched once into the spool. */
  private String media(String url) throws IOException {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      return SpoolFiles.soundName(url);
    }
    String extension = extension(url);
    String name = MEDIA + "/" + TextToSpeech.hash(url);
    java.nio.file.Path file = settings.spoolDir().resolve(name + extension);
    if (!java.nio.file.Files.exists(file)) {
      SpoolFiles.writeOnce(file, download(url));
    }
    return settings.onAsterisk(name);
  }

  private byte[] download(String url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(DOWNLOAD_TIMEOUT).GET().build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("audio download answered " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading audio", e);
    }
  }

  /** Asterisk picks the decoder by extension; unknown types are assumed to be WAV. */
  private static String extension(String url) {
    String path = URI.create(url).getPath().toLowerCase(Locale.ROOT);
    for (String known : new String[] {".wav", ".gsm", ".ulaw", ".alaw", ".sln", ".g722"}) {
      if (path.endsWith(known)) {
        return known;
      }
    }
    return ".wav";
  }
}
