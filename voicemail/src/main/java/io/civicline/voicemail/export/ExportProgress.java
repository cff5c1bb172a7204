package io.civicline.voicemail.export;

/**
 * Hears how far a long export is: called on the event loop, after each message and at the start.
 */
@FunctionalInterface
public interface ExportProgress {
  ExportProgress NONE = (done, total) -> {};

  void update(int done, int total);
}
