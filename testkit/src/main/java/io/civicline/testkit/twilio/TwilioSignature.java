package io.civicline.testkit.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} exactly as Twilio does: the full URL (scheme, host, port,
 * path and query string, as requested), then every POST parameter's name immediately followed by
 * its value, in parameter-name order; HMAC-SHA1 keyed with the auth token; Base64.
 */
public final class TwilioSignature {
  private TwilioSignature() {}

  /**
   * Signs a webhook. For GET requests pass the URL including its query string and no params.
   *
   * @param params the form-encoded POST body parameters (single-valued, as Twilio sends them)
   */
  public static String sign(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] raw = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
