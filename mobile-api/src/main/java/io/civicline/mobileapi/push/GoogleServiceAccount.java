package io.civicline.mobileapi.push;

import io.civicline.core.config.Secret;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A Google service account's key file (the JSON Firebase hands out): who it is, its RSA key and
 * where to trade a signed assertion for an access token. Errors name the fields, never the key.
 */
public record GoogleServiceAccount(
    String clientEmail, String privateKeyId, RSAPrivateKey privateKey, String tokenUri) {
  public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  @Override
  public String toString() {
    return "GoogleServiceAccount[clientEmail=" + clientEmail + ", tokenUri=" + tokenUri + "]";
  }

  /**
   * @throws IllegalArgumentException listing what is missing or unreadable
   */
  public static GoogleServiceAccount parse(Secret keyFile) {
    JsonObject json;
    try {
      json = new JsonObject(keyFile.reveal());
    } catch (DecodeException e) {
      throw new IllegalArgumentException("not a JSON service-account key file");
    }
    List<String> problems = new ArrayList<>();
    if (!"service_account".equals(json.getString("type"))) {
      problems.add("type must be service_account");
    }
    String email = json.getString("client_email");
    if (email == null || email.isBlank()) {
      problems.add("client_email is missing");
    }
    String tokenUri = json.getString("token_uri", DEFAULT_TOKEN_URI);
    if (!tokenUri.matches("https?://\\S+")) {
      problems.add("token_uri must be an http(s) URL");
    }
    RSAPrivateKey key = null;
    try {
      key = rsaKey(json.getString("private_key", ""));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      problems.add("private_key is not a PKCS#8 RSA key");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new GoogleServiceAccount(email, json.getString("private_key_id", ""), key, tokenUri);
  }

  private static RSAPrivateKey rsaKey(String pem) throws GeneralSecurityException {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    if (base64.isEmpty()) {
      throw new IllegalArgumentException("no key");
    }
    return (RSAPrivateKey)
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
