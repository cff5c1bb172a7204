package io.civicline.ops;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.redis.Keys;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.testing.RedisTestBed;
import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.signaling.store.FlowStore;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow published by an older version holds nothing it names; the first start of this version
 * gives it that hold, so the department it rings can no longer be deleted under it.
 */
@ExtendWith(RedisExtension.class)
class FlowReferencesTest {
  static final String L = "/api/v1/tenants/lakeside";

  private final RedisServer redis;
  @TempDir Path dir;

  FlowReferencesTest(RedisServer redis) {
    this.redis = redis;
  }

  @Test
  void aFlowPublishedBeforeReferencesWereKeptHoldsWhatItNamesAfterARestart() {
    redis.flushAll();
    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      Api.Response created =
          server
              .platformAdmin()
              .post(
                  L + "/departments",
                  new JsonObject().put("id", "cemetery").put("name", "Cemetery"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
    publishTheOldWay("cemetery-line", "cemetery");

    try (RunningServer server = RunningServer.start(redis, dir, true)) {
      Api.Response refused = server.platformAdmin().delete(L + "/departments/cemetery");
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().getString("detail")).contains("flows/cemetery-line");
    }
    RedisTestBed bed = RedisTestBed.openWithoutFlush(redis);
    try {
      assertThat(
              await(
                      bed.redis()
                          .send(Request.cmd(Command.EXISTS).arg(Keys.platform("flow-references"))))
                  .toInteger())
          .as("done once: later starts skip it")
          .isEqualTo(1);
    } finally {
      bed.close();
    }
  }

  /** As an older version did: a published flow ringing {@code department}, holding nothing. */
  private void publishTheOldWay(String flowId, String department) {
    JsonObject document =
        new JsonObject()
            .put("name", "Ring " + department)
            .put("start", "ring")
            .put(
                "nodes",
                new JsonObject()
                    .put(
                        "ring",
                        new JsonObject()
                            .put("kind", "ring")
                            .put("department", department)
                            .put("noAnswer", "bye"))
                    .put("bye", FlowApiTest.bye()));
    RedisTestBed bed = RedisTestBed.openWithoutFlush(redis);
    try {
      FlowStore flows =
          new FlowStore(new DocumentStore(bed.redis(), Clock.systemUTC()), bed.redis());
      await(flows.create("lakeside", flowId, "Ring " + department, document, Actor.SYSTEM));
      await(flows.publish("lakeside", flowId, 1, List.of(), Actor.SYSTEM));
      await(bed.redis().send(Request.cmd(Command.DEL).arg(Keys.platform("flow-references"))));
    } finally {
      bed.close();
    }
  }
}
