package io.civicline.signaling.asterisk.agi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AgiSession} over a blocking socket. One thread at a time. */
final class SocketAgiSession implements AgiSession {
  private static final Logger LOG = LoggerFactory.getLogger(SocketAgiSession.class);
  private static final String USAGE_END = "520 End of proper usage.";

  private final Socket socket;
  private final AgiLineReader reader;
  private final OutputStream out;
  private final Duration drainTimeout;
  private AgiRequest request;
  private boolean hungUp;
  private boolean closed;

  SocketAgiSession(Socket socket, int maxLineBytes, Duration drainTimeout) throws IOException {
    this.socket = socket;
    this.reader = new AgiLineReader(new BufferedInputStream(socket.getInputStream()), maxLineBytes);
    this.out = socket.getOutputStream();
    this.drainTimeout = drainTimeout;
  }

  /** Reads the environment block up to the empty line. */
  AgiRequest readRequest() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        throw new AgiProtocolException(
            "connection closed before the end of the AGI environment (" + env.size() + " lines)");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(": ");
      if (!line.startsWith("agi_") || colon < 0) {
        // "agi_accountcode: " ends in ": " - an empty value is legal.
        if (line.startsWith("agi_") && line.endsWith(":")) {
          colon = line.length() - 1;
        } else {
          throw new AgiProtocolException("not an AGI environment line: " + AgiLog.excerpt(line));
        }
      }
      String key = line.substring(4, colon);
      String value = colon + 2 <= line.length() ? line.substring(colon + 2) : "";
      if (key.isEmpty()) {
        throw new AgiProtocolException("empty AGI variable name");
      }
      if (env.put(key, value) != null) {
        // Asterisk never repeats a variable; keep the last one, as Asterisk-Java does
        LOG.warn("agi env repeats agi_{}, last value wins", AgiLog.excerpt(key));
      }
      if (env.size() > 1000) {
        throw new AgiProtocolException("AGI environment has too many lines");
      }
    }
    if (reader.malformedLines() > 0) {
      LOG.warn(
          "agi env contained non-UTF-8 bytes, decoded with U+FFFD lines={} remote={}",
          reader.malformedLines(),
          socket.getRemoteSocketAddress());
    }
    request = AgiRequest.of(env);
    return request;
  }

  @Override
  public AgiRequest request() {
    if (request == null) {
      throw new IllegalStateException("environment not read yet");
    }
    return request;
  }

  @Override
  public AgiReply send(String command) throws IOException {
    AgiCommands.checkCommand(command);
    ensureOpen();
    if (!hungUp && reader.pollHangupNotice()) {
      markHungUp("notice");
    }
    if (hungUp && !AgiCommands.allowedOnDeadChannel(command)) {
      throw new ChannelHungUpException(
          "caller hung up; not sending " + verb(command) + " on a dead channel", null);
    }
    write((command + "\n").getBytes(StandardCharsets.UTF_8));
    AgiReply reply = readReply();
    if (reply.code() == AgiReply.DEAD_CHANNEL) {
      markHungUp("511");
      throw new ChannelHungUpException(
          "Asterisk refused " + verb(command) + ": channel is dead (511)", reply);
    }
    return reply;
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }

  /**
   * Escape hatch for tests reproducing deliberately odd client writes (pipelined commands, split
   * commands, CRLF, empty lines): writes the bytes as they are and reads nothing.
   */
  void writeRaw(byte[] bytes) throws IOException {
    ensureOpen();
    write(bytes);
  }

  /** Reads the next reply, consuming {@code HANGUP} notices before it. */
  AgiReply readReply() throws IOException {
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        throw new AgiProtocolException("connection closed while waiting for a reply");
      }
      if (line.equals("HANGUP")) {
        markHungUp("notice");
        continue;
      }
      if (line.startsWith("520-")) {
        return readUsageBlock(line);
      }
      return AgiReply.parseLine(line);
    }
  }

  private AgiReply readUsageBlock(String first) throws IOException {
    List<String> usage = new ArrayList<>();
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        throw new AgiProtocolException("connection closed inside a 520 usage block");
      }
      if (line.equals(USAGE_END)) {
        return new AgiReply(AgiReply.USAGE, null, first.substring(4), null, usage, first);
      }
      if (usage.size() >= 200) {
        throw new AgiProtocolException("520 usage block too long");
      }
      usage.add(line);
    }
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  private void markHungUp(String how) {
    if (!hungUp) {
      hungUp = true;
      LOG.debug("agi channel hung up via={} channel={}", how, requestChannel());
    }
  }

  private String requestChannel() {
    return request == null ? "?" : request.channel();
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("AGI session closed");
    }
  }

  private static String verb(String command) {
    String[] words = command.strip().split("\\s+", 3);
    return words.length >= 2 ? words[0] + " " + words[1] : words[0];
  }

  /**
   * Half-closes our side (Asterisk then sends its final {@code HANGUP} and closes), drains for up
   * to the drain timeout, then closes. Closing with unread bytes would make the kernel send RST.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!socket.isClosed() && !socket.isOutputShutdown()) {
        socket.shutdownOutput();
      }
      socket.setSoTimeout((int) Math.max(1, drainTimeout.toMillis()));
      byte[] sink = new byte[512];
      long deadline = System.nanoTime() + drainTimeout.toNanos();
      var in = socket.getInputStream();
      while (System.nanoTime() < deadline && in.read(sink) >= 0) {
        // discard: trailing HANGUP notices
      }
    } catch (SocketTimeoutException e) {
      LOG.debug("agi drain timed out channel={}", requestChannel());
    } catch (IOException e) {
      LOG.debug("agi close: {}", e.toString());
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }
}
