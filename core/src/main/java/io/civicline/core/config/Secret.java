package io.civicline.core.config;

import java.util.Objects;

/**
 * A secret value (password, token). Its {@link #toString()} never shows the value, so a secret that
 * ends up in a log line or an exception message stays hidden.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself; call it only where the secret is used, never to print. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
