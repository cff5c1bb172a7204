package io.civicline.mobileapi.auth;

/**
 * What a staff member types to sign in. Staff may work for several towns under one email, so the
 * town is part of the credentials.
 */
public record PasswordCredentials(String tenant, String email, String password) {
  @Override
  public String toString() {
    // the password never reaches a log line, even by accident; the email is personal data too
    return "PasswordCredentials[tenant=" + tenant + ", email=***, password=***]";
  }
}
