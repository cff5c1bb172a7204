package io.civicline.voicemail.message;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.store.Actor;
import io.civicline.core.store.Page;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class MessageStoreListTest {
  private static final String TENANT = "lakeside";
  private static final String BOX = "department:clerk";
  private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
  private final RedisServer server;
  private Vertx vertx;
  private Redis redis;
  private RedisTestBed bed;
  private MessageStore messages;

  MessageStoreListTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void start() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    messages = new MessageStore(redis, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private String create(int n, Instant receivedAt) {
    String id = String.format("vm-%024d", n);
    VoicemailMessage message =
        new VoicemailMessage(
            id,
            BOX,
            "CA" + n,
            "+12075550100",
            receivedAt,
            5,
            "en",
            "lakeside/" + id + ".wav",
            "00",
            1,
            "twilio:RE" + n,
            VoicemailMessage.Status.NEW,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            1);
    assertThat(await(messages.create(TENANT, message, Actor.SYSTEM))).isTrue();
    return id;
  }

  private List<String> all(int limit, java.util.function.Predicate<VoicemailMessage> filter) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<VoicemailMessage> page = await(messages.list(TENANT, BOX, filter, cursor, limit));
      page.items().forEach(m -> ids.add(m.id()));
      cursor = page.next().orElse(null);
    } while (cursor != null);
    return ids;
  }

  @Test
  void pagingFindsEveryMessageEvenWhenSeveralWereReceivedInTheSameMillisecond() {
    Instant second = Instant.parse("2026-11-20T10:00:00Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Carriers report whole seconds: calls that end together share a time.
      ids.add(create(i, second.plusSeconds(i / 3)));
    }
    for (int limit = 1; limit <= 8; limit++) {
      assertThat(all(limit, m -> true))
          .as("limit " + limit)
          .containsExactlyInAnyOrderElementsOf(ids)
          .doesNotHaveDuplicates();
    }
    // Newest first.
    assertThat(all(2, m -> true).subList(0, 1)).containsExactly(ids.get(6));
  }

  @Test
  void pagingAcrossInternalBatchesKeepsTiesTogether() {
    Instant second = Instant.parse("2026-11-20T10:00:00Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      ids.add(create(i, second.plusSeconds(i / 40)));
    }
    assertThat(all(1000, m -> true)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(all(3, m -> true)).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
    // A filter that keeps few makes the store read many batches for one page.
    List<String> every10th = ids.stream().filter(id -> id.endsWith("0")).toList();
    assertThat(all(2, m -> m.id().endsWith("0")))
        .containsExactlyInAnyOrderElementsOf(every10th)
        .doesNotHaveDuplicates();
  }
}
