package io.civicline.testkit.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Speaks SMTP line by line over a plain socket, so tests see every reply exactly. */
final class RawSmtpClient implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  RawSmtpClient(SmtpSink sink) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress(sink.host(), sink.port()), 2000);
      socket.setSoTimeout(5000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one reply, all of its lines, e.g. the greeting. */
  List<String> reply() {
    try {
      List<String> lines = new ArrayList<>();
      String line;
      do {
        line = in.readLine();
        if (line == null) {
          throw new IllegalStateException("server closed the connection");
        }
        lines.add(line);
      } while (line.length() > 3 && line.charAt(3) == '-');
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The three-digit code of the next reply. */
  int code() {
    List<String> lines = reply();
    return Integer.parseInt(lines.get(lines.size() - 1).substring(0, 3));
  }

  /** Sends a line and returns the code of its reply. */
  int send(String line) {
    write(line);
    return code();
  }

  /** Sends a line without reading any reply, as inside DATA. */
  void write(String line) {
    try {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the server has closed its side (reads end of stream). */
  boolean closedByServer() {
    try {
      return in.readLine() == null;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // test clean-up
    }
  }
}
