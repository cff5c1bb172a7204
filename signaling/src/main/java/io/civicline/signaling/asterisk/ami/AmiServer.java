package io.civicline.signaling.asterisk.ami;

import io.civicline.core.config.Secret;
import io.civicline.core.redis.Keys;
import java.util.List;
import java.util.Objects;

/**
 * One configured Asterisk manager endpoint and the tenants (towns) whose phones it serves. The
 * secret is a {@link Secret}, so this record's {@code toString()} never shows it.
 *
 * <p>Device states of this server are written for every one of its tenants: the endpoints of two
 * towns on one Asterisk must therefore have distinct names (e.g. {@code PJSIP/lakeside-101}),
 * otherwise each town would see the other's desk phone {@code PJSIP/101}.
 */
public record AmiServer(
    String name, String host, int port, String username, Secret secret, List<String> tenants) {

  public AmiServer {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("AMI server needs a name");
    }
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    tenants = List.copyOf(tenants);
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("AMI server " + name + " serves no tenant");
    }
    tenants.forEach(Keys::tenant); // rejects ids that are not tenant slugs
  }
}
