package io.civicline.signaling.asterisk.agi;

/**
 * Runs one FastAGI call. Called on a virtual thread; blocking is fine. The server closes the
 * session when this returns or throws.
 */
@FunctionalInterface
public interface AgiSessionHandler {
  void handle(AgiSession session) throws Exception;
}
