package io.civicline.mobileapi.auth;

/**
 * Sign-in refused. Deliberately one type with one message for an unknown email, a wrong password
 * and a locked account, so neither the answer nor the code path tells an attacker which it was.
 */
public final class InvalidCredentials extends RuntimeException {
  public InvalidCredentials() {
    super("invalid credentials", null, false, false);
  }
}
