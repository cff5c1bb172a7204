package io.civicline.bench.ws;

import io.civicline.bench.report.Latencies;
import io.civicline.bench.report.Ratio;
import io.civicline.bench.report.TextTable;
import io.civicline.core.config.Secret;
import io.civicline.core.events.StaffEvent;
import io.civicline.core.redis.RedisClients;
import io.civicline.core.redis.RedisSettings;
import io.civicline.mobileapi.events.StaffEventLog;
import io.civicline.ops.CivicLineServer;
import io.civicline.ops.config.CivicLineConfig;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Loopback load on the staff events WebSocket of a real server (demo township, private Redis):
 * opens N authenticated sockets for the staff of one department and reports how many the node
 * holds, and the latency from publishing an event (as another node would, straight into the town's
 * Redis log) to its arrival on each socket. The baseline, measured in the same run, is an event for
 * one staff member with one socket; the department fan-out is reported as a ratio to it.
 *
 * <p>Usage: {@code SocketLoad [--sockets 200] [--staff 20] [--rounds 50]}
 */
public final class SocketLoad {
  static final String L = "/api/v1/tenants/lakeside";
  static final String DEPARTMENT = "public-works";
  static final String PASSWORD = "bench-harbor-42-maple";

  /** Options for one run. */
  public record Options(int sockets, int staff, int rounds) {
    static Options parse(String[] args) {
      Map<String, Integer> values =
          new java.util.HashMap<>(Map.of("--sockets", 200, "--staff", 20, "--rounds", 50));
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!values.containsKey(args[i])) {
          throw new IllegalArgumentException("unknown option " + args[i]);
        }
        values.put(args[i], Integer.parseInt(args[i + 1]));
      }
      return new Options(values.get("--sockets"), values.get("--staff"), values.get("--rounds"));
    }
  }

  /** What one run measured. */
  public record Result(
      int socketsHeld, Latencies.Summary baseline, Latencies.Summary fanOut, int fanOutReceipts) {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Result result = run(options);
    System.out.println(report(options, result));
  }

  public static Result run(Options options) throws Exception {
    Path dir = Files.createTempDirectory("civicline-ws-bench-");
    try (RedisServer redisServer = RedisServer.start()) {
      CivicLineServer server = startServer(redisServer, dir);
      Vertx vertx = Vertx.vertx();
      Redis publisherRedis =
          RedisClients.create(vertx, RedisSettings.standalone(redisServer.url()));
      try {
        StaffEventLog otherNode = new StaffEventLog(publisherRedis);
        Bench bench = new Bench(server, vertx, otherNode);
        return bench.measure(options);
      } finally {
        publisherRedis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server.close();
      }
    }
  }

  private static CivicLineServer startServer(RedisServer redis, Path dir) throws Exception {
    CivicLineConfig config =
        CivicLineConfig.local(
            dir,
            RedisSettings.standalone(redis.url()),
            Optional.of(Secret.of("bench-staff-signing-key-0123456789abcdef")));
    return CivicLineServer.start(config, Clock.systemUTC())
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  /** One run against one server. */
  private static final class Bench {
    private final CivicLineServer server;
    private final Vertx vertx;
    private final StaffEventLog publisher;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin;
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();

    Bench(CivicLineServer server, Vertx vertx, StaffEventLog publisher) throws Exception {
      this.server = server;
      this.vertx = vertx;
      this.publisher = publisher;
      this.admin = Files.readString(server.config().admin().tokenFile()).strip();
    }

    Result measure(Options options) throws Exception {
      List<String> staff = new ArrayList<>();
      for (int i = 0; i < options.staff(); i++) {
        staff.add(createStaff("bench-" + i, List.of(DEPARTMENT), 6000 + i));
      }
      String loner = createStaff("bench-solo", List.of("parks"), 5999);
      WebSocketClient client =
          vertx.createWebSocketClient(
              new WebSocketClientOptions().setMaxConnections(options.sockets() + 10));
      Latencies fanOut = new Latencies();
      Latencies baseline = new Latencies();
      CountDownLatch[] round = {new CountDownLatch(0)};
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int i = 0; i < options.sockets(); i++) {
        opening.add(open(client, staff.get(i % staff.size()), fanOut, round));
      }
      Future.all(opening).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      Future<WebSocket> solo = open(client, loner, baseline, round);
      solo.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      int held = awaitHeld(options.sockets() + 1);

      for (int r = 0; r < options.rounds(); r++) {
        publishAndWait(r * 2, Set.of("bench-solo"), Set.of(), 1, round);
        publishAndWait(r * 2 + 1, Set.of(), Set.of(DEPARTMENT), options.sockets(), round);
      }
      client.close();
      return new Result(held - 1, baseline.summary(), fanOut.summary(), fanOut.summary().count());
    }

    private void publishAndWait(
        int n, Set<String> staff, Set<String> departments, int expected, CountDownLatch[] round)
        throws Exception {
      round[0] = new CountDownLatch(expected);
      sentAt.put(n, System.nanoTime());
      publisher
          .publish(
              "lakeside",
              new StaffEvent(
                  "bench.event",
                  new StaffEvent.Audience(staff, departments, false),
                  new JsonObject().put("n", n)))
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      if (!round[0].await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("event " + n + " did not reach every socket");
      }
    }

    private Future<WebSocket> open(
        WebSocketClient client, String token, Latencies into, CountDownLatch[] round) {
      return client
          .connect(
              new WebSocketConnectOptions()
                  .setHost("127.0.0.1")
                  .setPort(server.httpPort())
                  .setURI("/api/v1/staff/events")
                  .addHeader("Authorization", "Bearer " + token))
          .onSuccess(
              socket ->
                  socket.textMessageHandler(
                      text -> {
                        long now = System.nanoTime();
                        int n = new JsonObject(text).getJsonObject("data").getInteger("n");
                        into.add(now - sentAt.get(n));
                        round[0].countDown();
                      }));
    }

    private int awaitHeld(int expected) throws InterruptedException {
      for (int i = 0; i < 600 && server.staffSockets() < expected; i++) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      return server.staffSockets();
    }

    /** A staff member of the demo town with a password; answers their access token. */
    private String createStaff(String id, List<String> departments, int extension)
        throws Exception {
      JsonObject member =
          new JsonObject()
              .put("id", id)
              .put("name", "Bench " + id)
              .put("extension", String.valueOf(extension))
              .put("email", id + "@bench.example")
              .put("roles", new JsonArray().add("agent"))
              .put("languages", new JsonArray().add("en"))
              .put("departmentIds", new JsonArray(departments));
      send("POST", L + "/staff", member, admin);
      send(
          "PUT",
          L + "/staff/" + id + "/password",
          new JsonObject().put("password", PASSWORD),
          admin);
      JsonObject tokens =
          new JsonObject(
              send(
                  "POST",
                  "/api/v1/staff/auth/sign-in",
                  new JsonObject()
                      .put("tenant", "lakeside")
                      .put("email", id + "@bench.example")
                      .put("password", PASSWORD),
                  null));
      return tokens.getString("accessToken");
    }

    private String send(String method, String path, JsonObject body, String token)
        throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " -> " + response.statusCode() + " " + response.body());
      }
      return response.body();
    }
  }

  private static String us(double micros) {
    return String.format(java.util.Locale.ROOT, "%,.0f", micros);
  }

  static String report(Options options, Result result) {
    TextTable table =
        new TextTable(
            "scenario",
            "sockets",
            "receipts",
            "p50 µs",
            "p90 µs",
            "p99 µs",
            "max µs",
            "p99 vs baseline");
    table.row(
        "baseline: one socket",
        1,
        result.baseline().count(),
        us(result.baseline().p50()),
        us(result.baseline().p90()),
        us(result.baseline().p99()),
        us(result.baseline().max()),
        "1.00×");
    table.row(
        "department fan-out",
        options.sockets(),
        result.fanOut().count(),
        us(result.fanOut().p50()),
        us(result.fanOut().p90()),
        us(result.fanOut().p99()),
        us(result.fanOut().max()),
        Ratio.of(result.fanOut().p99(), result.baseline().p99()));
    return "Staff events WebSocket: "
        + result.socketsHeld()
        + " authenticated sockets held by one node ("
        + options.staff()
        + " staff of "
        + DEPARTMENT
        + "), "
        + options.rounds()
        + " events each way\n"
        + "latency = published into the town's Redis log (as by another node) -> received on a"
        + " socket\n"
        + table.render();
  }
}
