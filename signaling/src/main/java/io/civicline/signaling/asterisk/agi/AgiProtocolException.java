package io.civicline.signaling.asterisk.agi;

import java.io.IOException;

/** Asterisk sent something this layer does not accept; the session is closed. */
public class AgiProtocolException extends IOException {
  public AgiProtocolException(String message) {
    super(message);
  }
}
