package io.civicline.signaling.asterisk.ami;

/** How the manager secret is proved at login. */
public enum AmiLoginMethod {
  /** {@code Challenge} then {@code Key: md5hex(challenge + secret)}: the secret stays local. */
  MD5_CHALLENGE,
  /** {@code Secret: <secret>} in clear text: only over loopback or an encrypted tunnel. */
  PLAINTEXT
}
