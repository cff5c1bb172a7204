package io.civicline.signaling.asterisk.calls;

import io.civicline.core.ports.MessageAudio;
import io.civicline.signaling.mailbox.PhoneMailboxes;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Voicemail messages a caller listens to by phone on Asterisk: copied into the shared spool under
 * the call's own directory for the length of the call, and removed when it ends (messages are
 * public records, not public files). The locator only names the files, because it runs on an event
 * loop; the call's thread copies them before they are played.
 */
final class AgiMessageAudio implements PhoneMailboxes.AudioLocator {
  static final String DIR = "messages";

  private final AsteriskSettings settings;
  private final MessageAudio audio;
  private final String tenant;
  private final String callId;
  private final List<String> pending = new ArrayList<>();

  AgiMessageAudio(AsteriskSettings settings, MessageAudio audio, String tenant, String callId) {
    this.settings = settings;
    this.audio = audio;
    this.tenant = tenant;
    this.callId = callId;
  }

  @Override
  public synchronized Future<String> locate(
      String tenant, String messageId, java.time.Instant now) {
    pending.add(messageId);
    return Future.succeededFuture(settings.onAsterisk(relative(messageId)));
  }

  /** Copies the messages named since the last call into the spool (on the call's thread). */
  void copyPending() throws IOException {
    List<String> ids;
    synchronized (this) {
      ids = List.copyOf(pending);
      pending.clear();
    }
    for (String id : ids) {
      Optional<byte[]> wav = Blocking.await(audio.wav(tenant, id));
      if (wav.isPresent()) {
        SpoolFiles.writeOnce(settings.spoolDir().resolve(relative(id) + ".wav"), wav.get());
      }
    }
  }

  /** Removes every copy this call made. */
  void removeAll() throws IOException {
    Path dir = settings.spoolDir().resolve(DIR).resolve(tenant).resolve(callId);
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private String relative(String messageId) {
    return DIR + "/" + tenant + "/" + callId + "/" + messageId;
  }
}
