package io.civicline.mobileapi.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/**
 * OAuth 2 access tokens for FCM from a service account (the JWT bearer grant Google documents): an
 * RS256 assertion signed with the account's key is traded at its token URI for an access token,
 * which is reused until shortly before it expires. Pushes sent together share one exchange.
 */
public final class ServiceAccountTokens implements Supplier<Future<String>>, AutoCloseable {
  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /** A token is renewed this long before it expires, so none expires between fetch and send. */
  static final Duration MARGIN = Duration.ofMinutes(5);

  /**
   * One exchange an hour, each on a connection of its own (no keep-alive), so no pooled connection
   * gone stale can leave one waiting. Held here for the sender's life: Vert.x shuts down a client
   * nobody refers to when the garbage collector finds it, requests in flight included.
   */
  private final HttpClient client;

  private final Context context;

  private final GoogleServiceAccount account;
  private final RSASSASigner signer;
  private final Clock clock;

  /** The latest exchange: in flight, or its token and when to renew it. */
  private final java.util.concurrent.atomic.AtomicReference<Future<Granted>> latest =
      new java.util.concurrent.atomic.AtomicReference<>();

  private record Granted(String token, Instant renewAt) {}

  public ServiceAccountTokens(Vertx vertx, GoogleServiceAccount account, Clock clock) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.context = vertx.getOrCreateContext();
    this.account = account;
    this.signer = new RSASSASigner(account.privateKey());
    this.clock = clock;
  }

  /**
   * A current token. Senders on several event loops call this at once: they share the token, or the
   * one exchange in flight; no lock is held while anything runs.
   */
  @Override
  public Future<String> get() {
    while (true) {
      Future<Granted> seen = latest.get();
      if (seen != null && (!seen.isComplete() || fresh(seen))) {
        return seen.map(Granted::token);
      }
      io.vertx.core.Promise<Granted> next = io.vertx.core.Promise.promise();
      if (latest.compareAndSet(seen, next.future())) {
        ProviderHttp.onContext(context, this::exchange).onComplete(next);
        return next.future().map(Granted::token);
      }
      // another caller started an exchange meanwhile: share theirs
    }
  }

  private boolean fresh(Future<Granted> done) {
    return done.succeeded() && clock.instant().isBefore(done.result().renewAt());
  }

  private Future<Granted> exchange() {
    Instant now = clock.instant();
    String form =
        "grant_type="
            + URLEncoder.encode(GRANT, StandardCharsets.UTF_8)
            + "&assertion="
            + URLEncoder.encode(assertion(now), StandardCharsets.UTF_8);
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(account.tokenUri())
            .putHeader("content-type", "application/x-www-form-urlencoded")
            .setConnectTimeout(ProviderHttp.TIMEOUT.toMillis())
            .setIdleTimeout(ProviderHttp.TIMEOUT.toMillis());
    return client
        .request(request)
        .compose(sending -> sending.send(form))
        .compose(response -> response.body().map(body -> answer(response.statusCode(), body)))
        // whatever hangs, the next push asks again instead of waiting on this one
        .timeout(2 * ProviderHttp.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(answer -> granted(answer, now));
  }

  private static JsonObject answer(int status, io.vertx.core.buffer.Buffer body) {
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      json = new JsonObject();
    }
    if (status != 200 || json.getString("access_token") == null) {
      // Google names the problem (invalid_grant: a revoked key, a clock far off); never a secret
      throw new IllegalStateException(
          "token exchange answered "
              + status
              + " "
              + json.getString("error", "")
              + " "
              + json.getString("error_description", ""));
    }
    return json;
  }

  private static Granted granted(JsonObject answer, Instant issuedAt) {
    long seconds = answer.getLong("expires_in", 3600L);
    return new Granted(
        answer.getString("access_token"), issuedAt.plusSeconds(seconds).minus(MARGIN));
  }

  private String assertion(Instant now) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(account.privateKeyId()).build(),
            new JWTClaimsSet.Builder()
                .issuer(account.clientEmail())
                .audience(account.tokenUri())
                .claim("scope", SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the service-account assertion", e);
    }
    return jwt.serialize();
  }

  /** Closes the exchanges' client. */
  @Override
  public void close() {
    client.close();
  }
}
