package io.civicline.voicemail.notify;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Sample notices for tests. */
final class Notices {
  static final Instant TUESDAY_AFTERNOON = Instant.parse("2026-03-03T19:05:00Z");

  private Notices() {}

  static VoicemailNotice clerk(Optional<String> transcript) {
    return new VoicemailNotice(
        "lakeside",
        "Town of Lakeside",
        "department:clerk",
        "Township Clerk",
        "vm_01HZX3",
        "+12075550123",
        TUESDAY_AFTERNOON,
        ZoneId.of("America/Detroit"),
        42,
        "en",
        transcript,
        URI.create("https://console.lakeside.example/voicemail/vm_01HZX3"));
  }
}
