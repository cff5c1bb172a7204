package io.civicline.testkit.push;

import java.util.Map;

/**
 * A push a stand-in accepted.
 *
 * @param token the device token it was addressed to
 * @param payload the request body as sent (JSON)
 * @param headers the request headers, names in lower case
 */
public record ReceivedPush(String token, String payload, Map<String, String> headers) {
  public ReceivedPush {
    headers = Map.copyOf(headers);
  }
}
