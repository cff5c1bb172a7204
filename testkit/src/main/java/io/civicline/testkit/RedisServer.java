package io.civicline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a free loopback port with AOF on, for tests. It can be
 * killed with SIGKILL and restarted on the same port and data directory, which is how durability
 * tests prove that every acknowledged write survives a crash.
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final Path dataDir;
  private final int port;
  private Process process;

  private RedisServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts a server in a new temporary data directory. */
  public static RedisServer start() {
    try {
      Path dir = Files.createTempDirectory("civicline-redis-");
      RedisServer server = new RedisServer(dir, freePort());
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** The connection string for the Vert.x Redis client, e.g. {@code redis://127.0.0.1:6390}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server with SIGKILL: no shutdown hook, no final save, like a crash. */
  public void kill9() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit();
  }

  /** Starts the server again on the same port and data directory; it replays its AOF. */
  public void restart() {
    if (isRunning()) {
      kill9();
    }
    launch();
  }

  /** Removes every key, so tests sharing one server start from an empty store. */
  public void flushAll() {
    command("FLUSHALL");
  }

  /**
   * Sends one inline command; answers the first reply line (e.g. {@code :1}, {@code +OK}) or, for a
   * bulk string, its value. For test set-up and checks only.
   */
  public String command(String inline) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      java.io.InputStream in = socket.getInputStream();
      String first = readLine(in);
      if (first.startsWith("$") && !first.equals("$-1")) {
        byte[] value = in.readNBytes(Integer.parseInt(first.substring(1)));
        return new String(value, StandardCharsets.UTF_8);
      }
      return first;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readLine(java.io.InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    kill9();
    deleteRecursively(dataDir);
  }

  private void launch() {
    String binary = RedisBinary.locate();
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(
        List.of(
            "--port", String.valueOf(port),
            "--bind", "127.0.0.1",
            "--dir", dataDir.toString(),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
            "--daemonize", "no",
            "--protected-mode", "yes",
            "--logfile", dataDir.resolve("redis.log").toString()));
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + binary + ": " + e.getMessage(), e);
    }
    awaitPong();
  }

  private void awaitPong() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited at start; log:\n" + logTail());
      }
      try {
        if ("+PONG".equals(command("PING"))) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // still starting or replaying its AOF
      }
      sleep(25);
    }
    throw new IllegalStateException("redis-server did not answer PING in time; log:\n" + logTail());
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server did not die after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("redis.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
