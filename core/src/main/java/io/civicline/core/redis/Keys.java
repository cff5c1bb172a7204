package io.civicline.core.redis;

import io.civicline.core.validation.Formats;

/**
 * Redis key naming. Every tenant's key carries the tenant as a Redis Cluster hash tag ({@code
 * civicline:{t:lakeside}:...}), so one tenant's keys share a slot and per-tenant transactions and
 * Lua scripts work on a cluster. Platform-wide keys share the tag {@code {platform}}.
 */
public final class Keys {
  public static final String PREFIX = "civicline";

  private Keys() {}

  /** {@code civicline:{t:<tenant>}:<part>:<part>...} */
  public static String tenant(String tenantId, String... parts) {
    if (Formats.slug(tenantId) != null) {
      throw new IllegalArgumentException("not a tenant id: " + tenantId);
    }
    return join(PREFIX + ":{t:" + tenantId + "}", parts);
  }

  /** {@code civicline:{platform}:<part>:<part>...} for data that belongs to no single tenant. */
  public static String platform(String... parts) {
    return join(PREFIX + ":{platform}", parts);
  }

  /** The hash tag of a key: the part between the first '{' and the next '}'. */
  public static String hashTag(String key) {
    int open = key.indexOf('{');
    int close = key.indexOf('}', open + 1);
    if (open < 0 || close < 0) {
      return key;
    }
    return key.substring(open + 1, close);
  }

  private static String join(String head, String... parts) {
    StringBuilder key = new StringBuilder(head);
    for (String part : parts) {
      if (part.isEmpty() || part.contains("{") || part.contains("}")) {
        throw new IllegalArgumentException("bad key part: '" + part + "'");
      }
      key.append(':').append(part);
    }
    return key.toString();
  }
}
