package io.civicline.voicemail.export;

/** What an export wrote: how many messages and how many bytes of audio. */
public record ExportSummary(int messages, long audioBytes) {}
