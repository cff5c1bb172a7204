package io.civicline.bench.agi;

import io.civicline.bench.report.Latencies;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One call as Asterisk places it over FastAGI: connects, sends the environment block, then answers
 * every command until the server hangs up or closes. Blocking I/O on a virtual thread, so thousands
 * of calls cost little.
 */
final class SimulatedCall implements Callable<SimulatedCall.Result> {

  /** What every call of a run shares. */
  record Settings(
      InetSocketAddress server, String script, AsteriskReplies replies, Duration readTimeout) {}

  /**
   * What every call of a run reports into.
   *
   * @param inProgress calls the server took (sent a command) and that have not ended
   * @param firstCommand environment block sent -> first command: accept, session start, routing
   * @param nextCommand reply sent -> next command: the server's routing per turn
   * @param afterHold the key press that ends the hold -> next command: every call's turn at once
   */
  record Probes(
      HoldGate gate,
      PeakGauge inProgress,
      Latencies firstCommand,
      Latencies nextCommand,
      Latencies afterHold) {}

  enum Outcome {
    /** The server ran the call to its end: a HANGUP command, or it closed after commands. */
    COMPLETED,
    /** Closed before any command: how Asterisk sees a connection the server rejected. */
    UNSERVED,
    /** Anything else: an I/O error or a timeout in the middle of the call. */
    FAILED
  }

  record Result(Outcome outcome, String problem) {}

  private final int id;
  private final Settings settings;
  private final Probes probes;
  private final Latencies.Samples next = new Latencies.Samples();
  private int commands;
  private int getDataCount;
  private boolean held;
  private boolean resuming;

  SimulatedCall(int id, Settings settings, Probes probes) {
    this.id = id;
    this.settings = settings;
    this.probes = probes;
  }

  @Override
  public Result call() {
    try (Socket socket = new Socket()) {
      socket.connect(settings.server(), (int) settings.readTimeout().toMillis());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) settings.readTimeout().toMillis());
      return converse(socket);
    } catch (IOException e) {
      return new Result(commands == 0 ? Outcome.UNSERVED : Outcome.FAILED, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.FAILED, "interrupted");
    } finally {
      if (commands > 0) {
        probes.inProgress().decrement();
      }
      if (!held) {
        probes.gate().leave();
      }
      probes.nextCommand().addAll(next);
    }
  }

  private Result converse(Socket socket) throws IOException, InterruptedException {
    InputStream in = new BufferedInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    int port = settings.server().getPort();
    long sentAt = send(out, AgiEnvironment.block(id, settings.script(), port));
    while (true) {
      String command = readLine(in);
      long elapsed = System.nanoTime() - sentAt;
      if (command == null) {
        return new Result(commands == 0 ? Outcome.UNSERVED : Outcome.COMPLETED, null);
      }
      record(elapsed);
      AsteriskReplies.Reply reply = settings.replies().to(command, getDataCount);
      if (reply.keyPress()) {
        getDataCount++;
        holdFirstKeyPress();
      }
      sentAt = send(out, reply.line() + "\n");
      if (reply.hangsUp()) {
        hangUp(socket, in, out);
        return new Result(Outcome.COMPLETED, null);
      }
    }
  }

  /** The first command also makes the call "in progress": the server took it. */
  private void record(long elapsedNanos) {
    if (commands++ == 0) {
      probes.inProgress().increment();
      probes.firstCommand().add(elapsedNanos);
    } else if (resuming) {
      resuming = false;
      probes.afterHold().add(elapsedNanos);
    } else {
      next.add(elapsedNanos);
    }
  }

  /** The caller "thinks" in the first menu until every call of the run is held at once. */
  private void holdFirstKeyPress() throws InterruptedException {
    if (!held) {
      held = true;
      resuming = true;
      probes.gate().arriveAndHold();
    }
  }

  /**
   * What Asterisk does after {@code HANGUP}: the {@code HANGUP} notice, then it closes. Reading up
   * to the server's close means the server's session is over when this call counts as done.
   */
  private static void hangUp(Socket socket, InputStream in, OutputStream out) throws IOException {
    out.write("HANGUP\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    socket.shutdownOutput();
    while (in.read() >= 0) {
      // the server sends nothing more; wait for its close
    }
  }

  private static long send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return System.nanoTime();
  }

  /** One LF-terminated line (a CR before the LF is dropped), or null at end of stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        return null;
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.UTF_8);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
