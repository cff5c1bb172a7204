package io.civicline.voicemail.ingest;

import java.time.Instant;

/**
 * A recording a channel hands over for a mailbox, described the same way whatever the channel
 * (Twilio now, Asterisk later).
 *
 * @param source the channel's id for the recording, e.g. {@code twilio:RE...}; one source becomes
 *     one message however often it is handed over
 * @param expectedSeconds the duration the channel reported, checked against the audio
 */
public record IncomingRecording(
    String tenant,
    String mailbox,
    String callId,
    String from,
    String language,
    String source,
    int expectedSeconds,
    Instant receivedAt) {}
