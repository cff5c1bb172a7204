package io.civicline.bench.agi;

import io.civicline.signaling.asterisk.agi.FastAgiServer;

/**
 * Polls the server's active-calls counter every millisecond into a peak. A platform thread, so
 * thousands of busy virtual threads cannot starve it of a carrier. The hold gate also samples at
 * the one moment that matters most; this catches peaks outside the hold.
 */
final class ActiveCallsSampler {
  private final Thread thread;
  private volatile boolean running = true;

  private ActiveCallsSampler(FastAgiServer server, PeakGauge peak) {
    this.thread =
        Thread.ofPlatform()
            .name("agi-load-sampler")
            .daemon()
            .unstarted(
                () -> {
                  while (running) {
                    peak.record(server.activeCalls());
                    try {
                      Thread.sleep(1);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  static ActiveCallsSampler start(FastAgiServer server, PeakGauge peak) {
    ActiveCallsSampler sampler = new ActiveCallsSampler(server, peak);
    sampler.thread.start();
    return sampler;
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }
}
