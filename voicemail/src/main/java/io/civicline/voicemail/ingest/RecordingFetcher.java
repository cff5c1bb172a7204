package io.civicline.voicemail.ingest;

import io.vertx.core.Future;

/** Gets a recording's audio from wherever the channel left it (a carrier's API, a local file). */
@FunctionalInterface
public interface RecordingFetcher {
  Future<byte[]> fetch();
}
