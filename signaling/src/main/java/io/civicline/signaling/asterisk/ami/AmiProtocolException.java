package io.civicline.signaling.asterisk.ami;

import java.io.IOException;

/**
 * The peer sent something that is not AMI (overlong line, bytes that are not UTF-8, a line without
 * a colon, an unknown response code, a message cut off by EOF). The connection is closed: after
 * garbage the byte stream can no longer be trusted to be in step.
 */
public final class AmiProtocolException extends IOException {
  public AmiProtocolException(String message) {
    super(message);
  }
}
