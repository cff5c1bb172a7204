package io.civicline.signaling.twilio;

import com.twilio.jwt.accesstoken.AccessToken;
import com.twilio.jwt.accesstoken.VoiceGrant;
import java.time.Instant;

/**
 * Access tokens for the Twilio Voice SDK in staff apps. The identity is the staff id, the client
 * name a flow's ring node dials ({@code <Client>jim</Client>}), so the app that holds the token is
 * the one that rings.
 */
public final class VoiceAccessTokens {
  private final String accountSid;
  private final VoiceSdkSettings settings;

  public VoiceAccessTokens(String accountSid, VoiceSdkSettings settings) {
    this.accountSid = accountSid;
    this.settings = settings;
  }

  /** A token, the identity it carries and when it expires. */
  public record Issued(String token, String identity, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[token=***, identity=" + identity + ", expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * A token for {@code staffId}. The SDK stamps its expiry from the system clock; {@code now} is
   * the same clock in production and only names the expiry the app is told.
   */
  public Issued issue(String staffId, Instant now) {
    VoiceGrant grant = new VoiceGrant().setIncomingAllow(true);
    settings.twimlAppSid().ifPresent(grant::setOutgoingApplicationSid);
    Instant expires = now.plus(settings.tokenLifetime());
    String jwt =
        new AccessToken.Builder(
                accountSid,
                settings.apiKeySid(),
                settings.apiKeySecret().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .identity(staffId)
            .grant(grant)
            .ttl((int) settings.tokenLifetime().toSeconds())
            .build()
            .toJwt();
    return new Issued(jwt, staffId, expires);
  }
}
