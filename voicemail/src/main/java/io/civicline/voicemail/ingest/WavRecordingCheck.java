package io.civicline.voicemail.ingest;

import io.civicline.voicemail.audio.AudioInfo;
import io.civicline.voicemail.audio.RecordingCheck;
import java.time.Duration;

/**
 * Accepts a carrier's recording only if it is a readable WAV file as long as the carrier said,
 * within tolerance, and of a plausible size.
 */
public final class WavRecordingCheck implements AudioCheck {
  static final long MAX_BYTES = 64L * 1024 * 1024;

  @Override
  public int verify(byte[] audio, int expectedSeconds) {
    AudioInfo info = RecordingCheck.verify(audio, Duration.ofSeconds(expectedSeconds), MAX_BYTES);
    return (int) Math.round(info.duration().toMillis() / 1000.0);
  }
}
