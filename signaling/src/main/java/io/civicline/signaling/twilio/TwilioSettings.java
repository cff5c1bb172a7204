package io.civicline.signaling.twilio;

import io.civicline.core.config.Secret;

/**
 * How CivicLine talks to Twilio.
 *
 * @param publicBaseUrl the URL Twilio uses to reach this deployment (e.g. {@code
 *     https://phones.county.gov}); signatures are computed over it, so it must be exactly what
 *     Twilio sees, behind any proxy
 * @param restBaseUrl Twilio's REST API, {@code https://api.twilio.com} in production, a local
 *     stand-in in tests and demos
 */
public record TwilioSettings(
    String accountSid,
    Secret authToken,
    String publicBaseUrl,
    String restBaseUrl,
    java.util.Optional<VoiceSdkSettings> voiceSdk) {

  public TwilioSettings {
    publicBaseUrl = trimSlash(publicBaseUrl);
    restBaseUrl = trimSlash(restBaseUrl);
  }

  /** Without in-app voice (no API key for access tokens). */
  public TwilioSettings(
      String accountSid, Secret authToken, String publicBaseUrl, String restBaseUrl) {
    this(accountSid, authToken, publicBaseUrl, restBaseUrl, java.util.Optional.empty());
  }

  /** The same account with in-app voice set up. */
  public TwilioSettings withVoiceSdk(VoiceSdkSettings sdk) {
    return new TwilioSettings(
        accountSid, authToken, publicBaseUrl, restBaseUrl, java.util.Optional.of(sdk));
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + accountSid
        + ", authToken=***, publicBaseUrl="
        + publicBaseUrl
        + ", restBaseUrl="
        + restBaseUrl
        + ", voiceSdk="
        + voiceSdk.map(VoiceSdkSettings::toString).orElse("-")
        + "]";
  }
}
