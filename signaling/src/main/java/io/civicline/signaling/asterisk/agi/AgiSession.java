package io.civicline.signaling.asterisk.agi;

import java.io.IOException;

/** One FastAGI connection from Asterisk: its environment and a blocking command channel. */
public interface AgiSession extends AutoCloseable {

  /** The AGI environment block Asterisk sent when it connected. */
  AgiRequest request();

  /**
   * Sends one command (a single line without terminator, e.g. {@code STREAM FILE welcome ""}) and
   * waits for its reply. Unsolicited {@code HANGUP} notices read meanwhile mark the channel dead.
   *
   * @throws ChannelHungUpException when the channel is known to be dead and the command is not one
   *     Asterisk runs on dead channels (see {@link AgiCommands#allowedOnDeadChannel}), or when
   *     Asterisk answers {@code 511}
   * @throws AgiProtocolException on replies this layer does not understand (session unusable)
   * @throws IOException on I/O errors
   */
  AgiReply send(String command) throws IOException;

  /** True once Asterisk told us the caller hung up ({@code HANGUP} notice or a 511 reply). */
  boolean hungUp();

  /** Half-closes towards Asterisk, drains what it still sends and closes the socket. */
  @Override
  void close();
}
