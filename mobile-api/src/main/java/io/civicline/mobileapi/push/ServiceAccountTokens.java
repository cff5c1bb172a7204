package io.civicline.mobileapi.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

  private final HttpClient client;
  private final GoogleServiceAccount account;
  private final RSASSASigner signer;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;
  private Future<String> fetching;

  public ServiceAccountTokens(Vertx vertx, GoogleServiceAccount account, Clock clock) {
    // one exchange an hour: a fresh connection each time, never a pooled one gone stale
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.account = account;
    this.signer = new RSASSASigner(account.privateKey());
    this.clock = clock;
  }

  /** A current token; synchronized because senders call it from several event loops. */
  @Override
  public synchronized Future<String> get() {
    if (token != null && clock.instant().isBefore(renewAt)) {
      return Future.succeededFuture(token);
    }
    if (fetching == null) {
      fetching =
          Future.<Void>succeededFuture()
              .compose(v -> exchange())
              .andThen(done -> settle(done.succeeded() ? done.result() : null));
    }
    return fetching;
  }

  private synchronized void settle(String fetched) {
    fetching = null;
    if (fetched == null) {
      token = null;
    }
  }

  private Future<String> exchange() {
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
        .map(granted -> remember(granted, now));
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

  private synchronized String remember(JsonObject granted, Instant issuedAt) {
    token = granted.getString("access_token");
    long seconds = granted.getLong("expires_in", 3600L);
    renewAt = issuedAt.plusSeconds(seconds).minus(MARGIN);
    return token;
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

  @Override
  public void close() {
    client.close();
  }
}
