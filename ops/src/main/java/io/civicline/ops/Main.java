package io.civicline.ops;

import io.civicline.ops.config.ConfigException;
import io.civicline.ops.config.ConfigLoader;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server from the configuration, and stops it gracefully on SIGTERM or Ctrl-C. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty(
        "vertx.logger-delegate-factory-class-name",
        "io.vertx.core.logging.SLF4JLogDelegateFactory");
    Logger log = LoggerFactory.getLogger(Main.class);
    ConfigLoader.Loaded loaded;
    try {
      loaded = ConfigLoader.load();
    } catch (ConfigException e) {
      log.atError().addKeyValue("problems", e.problems()).log("cannot start: bad configuration");
      System.err.println("CivicLine cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    loaded.warnings().forEach(warning -> log.warn(warning));

    CountDownLatch started = new CountDownLatch(1);
    CivicLineServer[] server = new CivicLineServer[1];
    Throwable[] failure = new Throwable[1];
    CivicLineServer.start(loaded.config(), Clock.systemUTC())
        .onComplete(
            result -> {
              server[0] = result.result();
              failure[0] = result.cause();
              started.countDown();
            });
    started.await();
    if (failure[0] != null) {
      log.atError().setCause(failure[0]).log("cannot start");
      System.exit(1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server[0]::close, "civicline-shutdown"));
  }
}
