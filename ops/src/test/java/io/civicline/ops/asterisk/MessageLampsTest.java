package io.civicline.ops.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageLampsTest {
  private final Map<String, Map<String, Long>> counts = new HashMap<>();
  private final Map<String, Map<String, String>> phones = new HashMap<>();
  private final List<String> sent = new ArrayList<>();
  private boolean switchWorks = true;
  private final MessageLamps lamps =
      new MessageLamps(
          tenant -> Future.succeededFuture(counts.getOrDefault(tenant, Map.of())),
          tenant -> Future.succeededFuture(phones.getOrDefault(tenant, Map.of())));

  private final MessageLamps.LampSwitch phoneSystem =
      (mailbox, newMessages) -> {
        if (!switchWorks) {
          return Future.failedFuture(new IllegalStateException("MWIUpdate: not connected"));
        }
        sent.add(mailbox + "=" + newMessages);
        return Future.succeededFuture();
      };

  private void sync(String... tenants) throws Exception {
    lamps
        .sync(List.of(tenants), phoneSystem)
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  @Test
  void staffMailboxesLightTheirDeskPhonesAndOnlyChangesAreSentAgain() throws Exception {
    phones.put("lakeside", Map.of("maria-gonzalez", "101", "rob-miller", "102"));
    phones.put("riverton", Map.of("ann-lee", "101"));
    counts.put("lakeside", Map.of("staff:maria-gonzalez", 2L, "department:clerk", 5L));

    sync("lakeside", "riverton");
    assertThat(sent)
        .containsExactlyInAnyOrder("101@lakeside=2", "102@lakeside=0", "101@riverton=0");

    sent.clear();
    sync("lakeside", "riverton");
    assertThat(sent).isEmpty();

    counts.put("lakeside", Map.of("staff:maria-gonzalez", 0L, "staff:rob-miller", 1L));
    sync("lakeside", "riverton");
    assertThat(sent).containsExactlyInAnyOrder("101@lakeside=0", "102@lakeside=1");
  }

  @Test
  void aLampThatCouldNotBeSetIsTriedAgainAndAReconnectResendsAll() throws Exception {
    phones.put("lakeside", Map.of("maria-gonzalez", "101"));
    counts.put("lakeside", Map.of("staff:maria-gonzalez", 1L));

    switchWorks = false;
    sync("lakeside");
    switchWorks = true;
    sync("lakeside");
    assertThat(sent).containsExactly("101@lakeside=1");

    lamps.forget(List.of("lakeside"));
    sync("lakeside");
    assertThat(sent).containsExactly("101@lakeside=1", "101@lakeside=1");
  }

  @Test
  void aNegativeCountNeverReachesThePhone() throws Exception {
    phones.put("lakeside", Map.of("maria-gonzalez", "101"));
    counts.put("lakeside", Map.of("staff:maria-gonzalez", -1L));

    sync("lakeside");

    assertThat(sent).containsExactly("101@lakeside=0");
  }
}
