package io.civicline.mobileapi.push;

import io.civicline.core.config.Secret;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Keys, tokens and requests the push tests share. */
public final class PushFixtures {
  static final String PASSWORD = "river-bank-7-ferry";
  static final String TEAM = "TEAM123456";
  static final String KEY_ID = "KEY7654321";
  static final String TOPIC = "io.civicline.staff";
  static final String FCM_PROJECT = "civicline-test";
  static final String FCM_ACCESS_TOKEN = "ya29.test-access-token";

  /** An APNs-style token: 64 hex digits, distinct per {@code n}. */
  public static String apnsToken(int n) {
    return String.format("%064x", n);
  }

  public static String fcmToken(int n) {
    return "fcm-token-" + n + ":APA91bExampleExampleExample";
  }

  private PushFixtures() {}

  static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key as Apple's .p8 file holds it. */
  static Secret p8(KeyPair keys) {
    return Secret.of(
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
  }

  /** Adds a staff member with a password and answers an access token of theirs. */
  public static String signedIn(StaffApiServer server, String tenant, String staffId) {
    String email = staffId + "@" + tenant + ".example";
    server.addStaff(tenant, staffId, email, java.util.List.of("agent"));
    server.setPassword(tenant, staffId, PASSWORD);
    return server
        .http
        .post(
            "/api/v1/staff/auth/sign-in",
            new JsonObject().put("tenant", tenant).put("email", email).put("password", PASSWORD))
        .json()
        .getString("accessToken");
  }

  /** DELETE, which the shared test client lacks. */
  public static Http.Response delete(StaffApiServer server, String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).DELETE();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Http.Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
