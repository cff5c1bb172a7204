package io.civicline.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run with EVALSHA, falling back to EVAL when the server does not know it yet (after a
 * restart or on a new cluster node). All keys a script touches are passed in KEYS so it routes on
 * Redis Cluster.
 */
public final class LuaScript {
  private final String source;
  private final String sha1;

  public LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** Loads a script from the class path, next to {@code owner}. */
  public static LuaScript resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + name);
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Future<Response> run(Redis redis, List<String> keys, List<String> args) {
    return redis
        .send(request(Command.EVALSHA, sha1, keys, args))
        .recover(
            failure -> {
              String message = String.valueOf(failure.getMessage());
              if (message.startsWith("NOSCRIPT")) {
                return redis.send(request(Command.EVAL, source, keys, args));
              }
              return Future.failedFuture(failure);
            });
  }

  private static Request request(
      Command command, String script, List<String> keys, List<String> args) {
    Request request = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    args.forEach(request::arg);
    return request;
  }

  private static String sha1Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
