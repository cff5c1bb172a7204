package io.civicline.testkit.push;

import io.civicline.testkit.Sockets;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP/2 server over cleartext TCP with prior knowledge (h2c, no upgrade), because the JDK
 * has no HTTP/2 server and APNs speaks nothing else. It handles what a client sending short
 * requests needs: the preface, SETTINGS, HEADERS with CONTINUATION, DATA (with window updates),
 * PING, RST_STREAM and GOAWAY. Each connection has a reader thread; requests are answered on it.
 */
final class H2cServer implements AutoCloseable {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int DATA = 0;
  private static final int HEADERS = 1;
  private static final int RST_STREAM = 3;
  private static final int SETTINGS = 4;
  private static final int PING = 6;
  private static final int GOAWAY = 7;
  private static final int WINDOW_UPDATE = 8;
  private static final int CONTINUATION = 9;
  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final int PADDED = 0x8;
  private static final int PRIORITY = 0x20;
  private static final int MAX_FRAME = 16_384;

  /** A request as received: lower-case header names, pseudo-headers included. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {}

  record Response(int status, Map<String, String> headers, byte[] body) {}

  interface Handler {
    Response handle(Request request);
  }

  private final ServerSocket server;
  private final Handler handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  H2cServer(Handler handler) {
    this.handler = handler;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("h2c-accept-" + server.getLocalPort()).start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        if (closed) {
          // the JDK lets a virtual thread parked in accept finish after close, so a connection
          // can still arrive: it must find no server
          socket.close();
          return;
        }
        open.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      new Connection(socket).run();
    } catch (EOFException | java.net.SocketException ended) {
      // the client went away
    } catch (IOException e) {
      if (!closed) {
        throw new UncheckedIOException(e);
      }
    } finally {
      open.remove(socket);
    }
  }

  @Override
  public void close() {
    closed = true;
    Sockets.closeAll(server, open);
  }

  /** One client connection: its HPACK state and its streams being received. */
  private final class Connection {
    private final DataInputStream in;
    private final OutputStream out;
    private final Hpack hpack = new Hpack();
    private final Map<Integer, Stream> streams = new HashMap<>();

    Connection(Socket socket) throws IOException {
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    void run() throws IOException {
      byte[] preface = in.readNBytes(PREFACE.length);
      if (!Arrays.equals(preface, PREFACE)) {
        return; // not HTTP/2 with prior knowledge
      }
      write(SETTINGS, 0, 0, new byte[0]);
      while (true) {
        int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & 0x7fffffff;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
          throw new EOFException();
        }
        switch (type) {
          case HEADERS -> headers(streamId, flags, payload);
          case CONTINUATION -> continuation(streamId, flags, payload);
          case DATA -> data(streamId, flags, payload);
          case SETTINGS -> {
            if ((flags & ACK) == 0) {
              write(SETTINGS, ACK, 0, new byte[0]);
            }
          }
          case PING -> {
            if ((flags & ACK) == 0) {
              write(PING, ACK, 0, payload);
            }
          }
          case RST_STREAM -> streams.remove(streamId);
          case GOAWAY -> {
            return;
          }
          default -> {
            // PRIORITY, WINDOW_UPDATE, unknown: nothing to do for short answers
          }
        }
      }
    }

    private void headers(int streamId, int flags, byte[] payload) throws IOException {
      int start = 0;
      int end = payload.length;
      if ((flags & PADDED) != 0) {
        end -= payload[0] & 0xff;
        start = 1;
      }
      if ((flags & PRIORITY) != 0) {
        start += 5;
      }
      Stream stream = streams.computeIfAbsent(streamId, id -> new Stream());
      stream.endStream = (flags & END_STREAM) != 0;
      stream.headerBlock.write(payload, start, end - start);
      if ((flags & END_HEADERS) != 0) {
        headersDone(streamId, stream);
      }
    }

    private void continuation(int streamId, int flags, byte[] payload) throws IOException {
      Stream stream = streams.get(streamId);
      if (stream == null) {
        return;
      }
      stream.headerBlock.write(payload);
      if ((flags & END_HEADERS) != 0) {
        headersDone(streamId, stream);
      }
    }

    private void headersDone(int streamId, Stream stream) throws IOException {
      for (Map.Entry<String, String> header : hpack.decode(stream.headerBlock.toByteArray())) {
        stream.headers.merge(
            header.getKey().toLowerCase(Locale.ROOT), header.getValue(), (a, b) -> a + ", " + b);
      }
      if (stream.endStream) {
        answer(streamId, stream);
      }
    }

    private void data(int streamId, int flags, byte[] payload) throws IOException {
      int start = 0;
      int end = payload.length;
      if ((flags & PADDED) != 0) {
        end -= payload[0] & 0xff;
        start = 1;
      }
      if (payload.length > 0) {
        // give the window back at once: bodies are kept in memory anyway
        write(WINDOW_UPDATE, 0, 0, ByteBuffer.allocate(4).putInt(payload.length).array());
      }
      Stream stream = streams.get(streamId);
      if (stream == null) {
        return;
      }
      stream.body.write(payload, start, end - start);
      if ((flags & END_STREAM) != 0) {
        answer(streamId, stream);
      } else if (payload.length > 0) {
        write(WINDOW_UPDATE, 0, streamId, ByteBuffer.allocate(4).putInt(payload.length).array());
      }
    }

    private void answer(int streamId, Stream stream) throws IOException {
      streams.remove(streamId);
      Request request =
          new Request(
              stream.headers.getOrDefault(":method", ""),
              stream.headers.getOrDefault(":path", ""),
              Map.copyOf(stream.headers),
              stream.body.toByteArray());
      Response response;
      try {
        response = handler.handle(request);
      } catch (RuntimeException e) {
        response = new Response(500, Map.of(), new byte[0]);
      }
      boolean hasBody = response.body().length > 0;
      write(
          HEADERS,
          END_HEADERS | (hasBody ? 0 : END_STREAM),
          streamId,
          Hpack.encode(response.status(), response.headers()));
      for (int at = 0; hasBody && at < response.body().length; at += MAX_FRAME) {
        int to = Math.min(response.body().length, at + MAX_FRAME);
        boolean last = to == response.body().length;
        write(DATA, last ? END_STREAM : 0, streamId, Arrays.copyOfRange(response.body(), at, to));
      }
    }

    private synchronized void write(int type, int flags, int streamId, byte[] payload)
        throws IOException {
      ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
      frame.put((byte) (payload.length >>> 16)).putShort((short) payload.length);
      frame.put((byte) type).put((byte) flags).putInt(streamId).put(payload);
      out.write(frame.array());
      out.flush();
    }
  }

  private static final class Stream {
    final ByteArrayOutputStream headerBlock = new ByteArrayOutputStream();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final Map<String, String> headers = new LinkedHashMap<>();
    boolean endStream;
  }
}
