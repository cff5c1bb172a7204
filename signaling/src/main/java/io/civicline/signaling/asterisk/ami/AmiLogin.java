package io.civicline.signaling.asterisk.ami;

import io.civicline.core.config.Secret;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Logs a connection in. MD5 (default): {@code Action: Challenge} / {@code AuthType: MD5} answers a
 * decimal challenge, then {@code Login} carries {@code Key: md5hex(challenge + secret)}, so the
 * secret never crosses the wire. Plaintext sends {@code Secret:} as is (only for loopback or TLS).
 *
 * <p>{@code eventMask} is the {@code Events} header: {@code on}, {@code off}, a class list like
 * {@code call,system}, or null to send none (Asterisk then applies the user's read mask).
 */
final class AmiLogin {
  private AmiLogin() {}

  static Future<Void> login(
      AmiConnection connection,
      String username,
      Secret secret,
      AmiLoginMethod method,
      String eventMask) {
    Future<AmiMessage> answer =
        switch (method) {
          case PLAINTEXT ->
              connection.send(
                  withEvents(
                      AmiAction.of("Login")
                          .with("Username", username)
                          .with("Secret", secret.reveal()),
                      eventMask));
          case MD5_CHALLENGE ->
              connection
                  .send(AmiAction.of("Challenge").with("AuthType", "MD5"))
                  .compose(
                      challenge ->
                          connection.send(
                              withEvents(
                                  AmiAction.of("Login")
                                      .with("AuthType", "MD5")
                                      .with("Username", username)
                                      .with("Key", md5Key(challenge.get("Challenge"), secret)),
                                  eventMask)));
        };
    return answer
        .<Void>mapEmpty()
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof AmiErrorException refused
                        ? new AmiLoginException(
                            "AMI login as '"
                                + username
                                + "' refused: "
                                + AmiLog.excerpt(refused.amiMessage()))
                        : failure));
  }

  /** {@code md5hex(challenge + secret)}, lower case, as Asterisk computes it. */
  static String md5Key(String challenge, Secret secret) {
    if (challenge == null || challenge.isEmpty()) {
      throw new AmiLoginException("AMI Challenge response carried no Challenge");
    }
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(challenge.getBytes(StandardCharsets.UTF_8));
      md5.update(secret.reveal().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every JVM", e);
    }
  }

  private static AmiAction withEvents(AmiAction login, String eventMask) {
    return eventMask == null ? login : login.with("Events", eventMask);
  }
}
