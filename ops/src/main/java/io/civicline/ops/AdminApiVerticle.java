package io.civicline.ops;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Serves the admin API, health and metrics. Wiring only: the router is built by the server. */
public final class AdminApiVerticle extends VerticleBase {
  private final Router router;
  private final String host;
  private final int port;
  private final Duration grace;
  private HttpServer server;

  public AdminApiVerticle(Router router, String host, int port, Duration grace) {
    this.router = router;
    this.host = host;
    this.port = port;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                // HTTP/1.1 or TLS (behind a proxy); no cleartext HTTP/2 upgrade, which clients
                // such as java.net.http attempt by default and which was seen to garble large
                // compressed answers.
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(true))
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    // Let requests in flight finish before the port closes.
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  Router router() {
    return router;
  }

  public int actualPort() {
    return server.actualPort();
  }
}
