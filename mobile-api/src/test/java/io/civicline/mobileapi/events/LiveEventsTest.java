package io.civicline.mobileapi.events;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.events.StaffEvent;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two nodes on one Redis, as in production: each has its own Vert.x, client and hub. */
@ExtendWith(RedisExtension.class)
class LiveEventsTest {
  private final RedisServer server;
  private RedisTestBed nodeOne;
  private RedisTestBed nodeTwo;
  private LiveEvents hubOne;
  private LiveEvents hubTwo;
  private StaffEventLog logOne;

  LiveEventsTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void start() {
    nodeOne = RedisTestBed.open(server);
    nodeTwo = RedisTestBed.open(server);
    logOne = new StaffEventLog(nodeOne.redis());
    hubOne = new LiveEvents(nodeOne.vertx(), nodeOne.redis(), logOne);
    hubTwo = new LiveEvents(nodeTwo.vertx(), nodeTwo.redis(), new StaffEventLog(nodeTwo.redis()));
  }

  @AfterEach
  void stop() {
    hubOne.close();
    hubTwo.close();
    nodeOne.close();
    nodeTwo.close();
  }

  /** A staff member's socket: what it received, in order. */
  static final class Socket implements LiveEvents.Listener {
    final String staffId;
    final Set<String> departments;
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> sequences = new CopyOnWriteArrayList<>();
    volatile boolean gap;

    Socket(String staffId, String... departments) {
      this.staffId = staffId;
      this.departments = Set.of(departments);
    }

    @Override
    public String staffId() {
      return staffId;
    }

    @Override
    public Set<String> departments() {
      return departments;
    }

    @Override
    public void deliver(String sequence, StaffEvent event) {
      sequences.add(sequence);
      received.add(event.data().getString("n"));
    }

    @Override
    public void gap() {
      gap = true;
    }
  }

  private String publish(StaffEventLog log, String tenant, StaffEvent.Audience to, String n) {
    return await(log.publish(tenant, new StaffEvent("test", to, new JsonObject().put("n", n))));
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
  }

  @Test
  void anEventPublishedOnOneNodeReachesTheRightSocketsOnAnother() throws Exception {
    Socket maria = new Socket("maria", "clerk");
    Socket ben = new Socket("ben", "public-works");
    Socket riverton = new Socket("maria", "clerk");
    await(hubTwo.subscribe("lakeside", maria, Optional.empty()));
    await(hubTwo.subscribe("lakeside", ben, Optional.empty()));
    await(hubTwo.subscribe("riverton", riverton, Optional.empty()));

    publish(logOne, "lakeside", StaffEvent.Audience.toDepartments(Set.of("clerk")), "to-clerk");
    publish(logOne, "lakeside", StaffEvent.Audience.toStaff(Set.of("ben")), "to-ben");
    publish(logOne, "lakeside", StaffEvent.Audience.toEveryone(), "to-all");

    eventually(() -> maria.received.size() == 2 && ben.received.size() == 2);
    assertThat(maria.received).containsExactly("to-clerk", "to-all");
    assertThat(ben.received).containsExactly("to-ben", "to-all");
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(riverton.received).isEmpty();
  }

  @Test
  void aSocketThatReconnectsWithItsLastSequenceMissesNothingAndSeesNothingTwice() throws Exception {
    StaffEvent.Audience all = StaffEvent.Audience.toEveryone();
    Socket first = new Socket("maria", "clerk");
    LiveEvents.Subscription subscription =
        await(hubOne.subscribe("lakeside", first, Optional.empty()));
    publish(logOne, "lakeside", all, "1");
    publish(logOne, "lakeside", all, "2");
    eventually(() -> first.received.size() == 2);
    subscription.cancel();
    String last = first.sequences.get(1);

    publish(logOne, "lakeside", all, "3");
    publish(logOne, "lakeside", all, "4");
    Socket again = new Socket("maria", "clerk");
    // Events keep arriving while the socket catches up: none may be lost or doubled.
    Thread writer =
        Thread.ofVirtual()
            .start(
                () ->
                    IntStream.rangeClosed(5, 40)
                        .forEach(n -> publish(logOne, "lakeside", all, "" + n)));
    await(hubTwo.subscribe("lakeside", again, Optional.of(last)));
    writer.join();
    eventually(() -> again.received.size() == 38);

    assertThat(again.received)
        .containsExactlyElementsOf(IntStream.rangeClosed(3, 40).mapToObj(String::valueOf).toList());
    assertThat(again.gap).isFalse();
  }

  @Test
  void aSequenceOlderThanTheKeptLogIsReportedAsAGap() throws Exception {
    StaffEvent.Audience all = StaffEvent.Audience.toEveryone();
    publish(logOne, "lakeside", all, "1");
    await(
        nodeOne
            .redis()
            .send(
                io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.XTRIM)
                    .arg(StaffEventLog.key("lakeside"))
                    .arg("MAXLEN")
                    .arg(0)));
    publish(logOne, "lakeside", all, "2");
    Socket socket = new Socket("maria");

    await(hubOne.subscribe("lakeside", socket, Optional.of("1-0")));

    eventually(() -> socket.received.size() == 1);
    assertThat(socket.gap).isTrue();
    assertThat(socket.received).containsExactly("2");
  }

  @Test
  void aMalformedSequenceIsRefused() {
    assertThat(
            hubOne
                .subscribe("lakeside", new Socket("maria"), Optional.of("yesterday"))
                .toCompletionStage()
                .toCompletableFuture()
                .isCompletedExceptionally())
        .isTrue();
  }
}
