package io.civicline.ops.asterisk;

import io.civicline.ops.config.CivicLineConfig;
import io.civicline.signaling.asterisk.agi.FastAgiServer;
import io.civicline.signaling.asterisk.calls.AsteriskCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener of the Asterisk channel: refuses to start when prompts could not be spoken
 * (a missing text-to-speech program is a configuration error, not silent calls), and on stop lets
 * running calls finish within the shutdown grace before cutting them off (Asterisk's dialplan
 * fallback then takes those calls).
 */
public final class AgiListener {
  private static final Logger LOG = LoggerFactory.getLogger(AgiListener.class);

  private final Vertx vertx;
  private final CivicLineConfig.Asterisk config;
  private final AsteriskCalls calls;
  private FastAgiServer server;

  public AgiListener(Vertx vertx, CivicLineConfig.Asterisk config, AsteriskCalls calls) {
    this.vertx = vertx;
    this.config = config;
    this.calls = calls;
  }

  /** Why the channel cannot work as configured, e.g. text-to-speech is not installed. */
  public java.util.Optional<String> problem() {
    return calls
        .problem()
        .map(
            problem ->
                "Asterisk channel: "
                    + problem
                    + " (install it, or set asterisk.ttsCommand / CIVICLINE_ASTERISK_TTS_COMMAND)");
  }

  public Future<Void> start() {
    if (problem().isPresent()) {
      return Future.failedFuture(new IllegalStateException(problem().get()));
    }
    // Binding is a blocking call: keep it off the event loop.
    return vertx.executeBlocking(
        () -> {
          server =
              FastAgiServer.start(
                  FastAgiServer.Options.defaults(config.agiHost(), config.agiPort())
                      .withMaxConcurrentCalls(config.maxCalls())
                      .withAllowedPeers(allowedPeers()),
                  calls);
          LOG.atInfo()
              .addKeyValue("host", config.agiHost())
              .addKeyValue("port", server.port())
              .log("FastAGI listening");
          return null;
        },
        false);
  }

  /**
   * The addresses of the configured Asterisk hosts, resolved once at start-up; with none configured
   * anyone may connect (say so loudly: FastAGI has no authentication).
   */
  private java.util.function.Predicate<java.net.InetAddress> allowedPeers()
      throws java.net.UnknownHostException {
    if (config.agiPeers().isEmpty()) {
      LOG.atWarn()
          .log(
              "FastAGI accepts calls from any address: list the Asterisk servers in"
                  + " asterisk.servers or asterisk.agiAllow");
      return address -> true;
    }
    java.util.Set<java.net.InetAddress> allowed = new java.util.HashSet<>();
    for (String host : config.agiPeers()) {
      allowed.addAll(java.util.List.of(java.net.InetAddress.getAllByName(host)));
    }
    LOG.atInfo().addKeyValue("peers", allowed).log("FastAGI takes calls only from these addresses");
    return allowed::contains;
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return server == null ? -1 : server.port();
  }

  /** Calls being served now. */
  public int activeCalls() {
    return server == null ? 0 : server.activeCalls();
  }

  /** Blocks up to {@code grace}; call from a thread that is not Vert.x's. */
  public void stop(Duration grace) {
    if (server != null) {
      int cut = server.shutdown(grace);
      if (cut > 0) {
        LOG.atWarn()
            .addKeyValue("calls", cut)
            .log("calls cut off at shutdown; Asterisk falls back");
      }
    }
  }
}
