package io.civicline.ops.auth;

import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Page;
import io.civicline.core.store.Stored;
import io.civicline.core.store.UniqueValue;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Admin API tokens. A token is 256 random bits shown once at creation; only its SHA-256 is kept (as
 * a unique value of the token document), which suffices for secrets of that strength.
 */
public final class TokenService {
  public static final String COLLECTION = "tokens";
  static final String HASH_CONSTRAINT = "token-hash";
  private static final String PREFIX = "cl_";

  private final DocumentStore store;
  private final Redis redis;
  private final SecureRandom random = new SecureRandom();

  public TokenService(DocumentStore store, Redis redis) {
    this.store = store;
    this.redis = redis;
  }

  /** A new token and its stored record; the secret exists only in this return value. */
  public record Issued(String secret, Stored record) {}

  public Future<Issued> issue(String name, Principal.Role role, Optional<String> tenant, Actor by) {
    String secret = PREFIX + randomText(32);
    String id = "tok-" + randomText(9).toLowerCase().replaceAll("[^a-z0-9]", "x");
    JsonObject body = new JsonObject().put("name", name).put("role", role.wire());
    tenant.ifPresent(t -> body.put("tenant", t));
    DocumentStore.Write write =
        new DocumentStore.Write(
            DocumentStore.PLATFORM,
            COLLECTION,
            id,
            body,
            List.of(),
            List.of(new UniqueValue(HASH_CONSTRAINT, sha256(secret), "#/token")),
            by);
    return store.create(write).map(stored -> new Issued(secret, stored));
  }

  /** The caller a bearer token stands for, if the token is known. */
  public Future<Optional<Principal>> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    Request lookup =
        Request.cmd(Command.HGET)
            .arg(DocumentStore.uniqueKey(DocumentStore.PLATFORM, HASH_CONSTRAINT))
            .arg(sha256(secret));
    return redis
        .send(lookup)
        .compose(
            id ->
                id == null
                    ? Future.succeededFuture(Optional.<Stored>empty())
                    : store.get(DocumentStore.PLATFORM, COLLECTION, id.toString()))
        .map(stored -> stored.flatMap(TokenService::principal));
  }

  public Future<Page<Stored>> list(String cursor, int limit) {
    return store.list(DocumentStore.PLATFORM, COLLECTION, cursor, limit);
  }

  public Future<Optional<Stored>> get(String id) {
    return store.get(DocumentStore.PLATFORM, COLLECTION, id);
  }

  public Future<Void> revoke(String id, Actor by) {
    return store.delete(
        DocumentStore.PLATFORM, COLLECTION, id, OptionalLong.empty(), by, List.of());
  }

  private static Optional<Principal> principal(Stored token) {
    JsonObject body = token.body();
    return Principal.Role.fromWire(body.getString("role"))
        .map(
            role ->
                new Principal(
                    token.id(),
                    body.getString("name"),
                    role,
                    Optional.ofNullable(body.getString("tenant"))));
  }

  private String randomText(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
