package io.civicline.signaling.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import java.util.Optional;

/**
 * What a failed send means: Twilio refusing the text itself (a 4xx: bad number, unsubscribed
 * recipient) is final and recorded with Twilio's error code; Twilio being unavailable, rate
 * limiting (429) or unreachable is worth retrying.
 */
record SendOutcome(boolean retry, Optional<String> errorCode, String errorMessage) {

  static SendOutcome of(Throwable failure) {
    if (failure instanceof ApiException api && api.getStatusCode() != null) {
      int status = api.getStatusCode();
      Optional<String> code = Optional.ofNullable(api.getCode()).map(String::valueOf);
      boolean retry = status == 429 || status >= 500;
      return new SendOutcome(retry, code.or(() -> Optional.of("http-" + status)), message(api));
    }
    if (failure instanceof ApiConnectionException) {
      return new SendOutcome(true, Optional.empty(), message(failure));
    }
    // Timeouts and anything unexpected: retried, and marked failed once attempts run out.
    return new SendOutcome(true, Optional.empty(), message(failure));
  }

  private static String message(Throwable failure) {
    String text = String.valueOf(failure.getMessage());
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
