package io.civicline.mobileapi.calls;

import java.time.Instant;
import java.util.Optional;

/**
 * Issues the credential a staff app's voice SDK needs to take and place calls in the app (Twilio:
 * an access token with a VoiceGrant whose identity is the staff id, the name the call flows ring).
 * Empty when the deployment has no in-app voice configured.
 */
@FunctionalInterface
public interface VoiceTokens {
  Optional<VoiceToken> issue(String tenant, String staffId);

  /** The token, the identity calls ring, and when the app must fetch a new one. */
  record VoiceToken(String token, String identity, Instant expiresAt) {
    @Override
    public String toString() {
      return "VoiceToken[token=***, identity=" + identity + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** No in-app voice configured. */
  VoiceTokens NONE = (tenant, staffId) -> Optional.empty();
}
