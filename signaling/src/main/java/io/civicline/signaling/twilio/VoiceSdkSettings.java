package io.civicline.signaling.twilio;

import io.civicline.core.config.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * What staff apps need to answer and place calls in the app with Twilio's Voice SDK: an API key
 * (sid + secret) that signs their access tokens, and optionally the TwiML app their outgoing calls
 * use.
 *
 * @param tokenLifetime how long an access token is good for (Twilio allows up to 24 h)
 */
public record VoiceSdkSettings(
    String apiKeySid, Secret apiKeySecret, Optional<String> twimlAppSid, Duration tokenLifetime) {

  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  @Override
  public String toString() {
    return "VoiceSdkSettings[apiKeySid="
        + apiKeySid
        + ", apiKeySecret=***, twimlAppSid="
        + twimlAppSid.orElse("-")
        + ", tokenLifetime="
        + tokenLifetime
        + "]";
  }
}
