package io.civicline.mobileapi.auth;

/**
 * Who is asking, as far as throttling needs: the client's network address (the TCP peer, or the
 * address a trusted proxy reports when the router allows forwarded headers).
 */
public record ClientInfo(String address) {
  public ClientInfo {
    if (address == null || address.isBlank() || address.contains("{") || address.contains("}")) {
      address = "unknown";
    }
  }
}
