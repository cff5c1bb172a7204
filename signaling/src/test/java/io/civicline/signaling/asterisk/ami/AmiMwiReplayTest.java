package io.civicline.signaling.asterisk.ami;

import static io.civicline.signaling.asterisk.ami.AmiTestSupport.await;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.awaitFailure;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.ids;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.options;
import static io.civicline.signaling.asterisk.ami.AmiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.testkit.asterisk.AmiPeer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message-waiting lamps via res_mwi_external_ami, replayed byte for byte against ami-mwi. */
class AmiMwiReplayTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void updateMailboxSetsTheLampAndListsAndErrorsWork() {
    try (AmiPeer peer = AmiPeer.start("ami-mwi")) {
      AmiClient client =
          new AmiClient(
              vertx,
              server(peer),
              options(
                  ids(
                      "login-1",
                      "mwi-upd-1",
                      "mwi-get-1",
                      "mbcount-1",
                      "mbstatus-1",
                      "mwi-upd-2",
                      "mwi-get-regex",
                      "mwi-upd-3",
                      "mbstatus-2",
                      "mwi-del-1",
                      "mwi-get-after-delete",
                      "mbcount-unknown",
                      "mwi-upd-nomailbox",
                      "mwi-del-2",
                      "logoff-1"),
                  "on"));
      List<AmiMessage> waiting = new CopyOnWriteArrayList<>();
      client.addEventListener(
          e -> {
            if (e.isEvent("MessageWaiting")) {
              waiting.add(e);
            }
          });
      AmiTestSupport.ConnectionRecorder connections = new AmiTestSupport.ConnectionRecorder();
      client.addConnectionListener(connections);
      await(client.start());
      connections.awaitLogins(1);

      await(client.updateMailbox("1001@default", 2, 5));
      AmiListResult get = await(client.sendList(mailbox("MWIGet", "1001@default")));
      AmiMessage count = await(client.send(mailbox("MailboxCount", "1001@default")));
      AmiMessage status = await(client.send(mailbox("MailboxStatus", "1001@default")));
      // The capture's client left OldMessages out here; updateMailbox always sends both.
      await(client.send(mailbox("MWIUpdate", "1002@default").with("NewMessages", "1")));
      AmiListResult regex = await(client.sendList(mailbox("MWIGet", "/^100[0-9]@default$/")));
      await(client.updateMailbox("1001@default", 0, 7));
      AmiMessage statusAfter = await(client.send(mailbox("MailboxStatus", "1001@default")));
      await(client.send(mailbox("MWIDelete", "1001@default")));
      AmiListResult afterDelete = await(client.sendList(mailbox("MWIGet", "1001@default")));
      AmiMessage unknown = await(client.send(mailbox("MailboxCount", "9999@default")));
      Throwable noMailbox =
          awaitFailure(client.send(AmiAction.of("MWIUpdate").with("NewMessages", "1")));
      await(client.send(mailbox("MWIDelete", "1002@default")));
      AmiTestSupport.eventually("five MessageWaiting events", () -> waiting.size() == 5);
      await(client.close());

      peer.result(0, Duration.ofSeconds(5)).assertMatched();
      assertThat(get.items()).hasSize(1);
      assertThat(get.items().get(0).get("NewMessages")).isEqualTo("2");
      assertThat(get.complete().get("ListItems")).isEqualTo("1");
      assertThat(count.get("OldMessages")).isEqualTo("5");
      assertThat(status.get("Waiting")).isEqualTo("1");
      assertThat(regex.items())
          .extracting(m -> m.get("Mailbox"))
          .containsExactly("1001@default", "1002@default");
      assertThat(statusAfter.get("Waiting")).isEqualTo("0");
      assertThat(afterDelete.items()).isEmpty();
      assertThat(unknown.get("NewMessages")).isEqualTo("0");
      assertThat(((AmiErrorException) noMailbox).amiMessage())
          .isEqualTo("Missing mailbox parameter in request");
      assertThat(waiting.get(0).get("New")).isEqualTo("2");
      assertThat(waiting.get(0).get("Old")).isEqualTo("5");
    }
  }

  @Test
  void updateMailboxRefusesNonsenseBeforeSending() {
    AmiClient client =
        new AmiClient(
            vertx,
            new AmiServer(
                "pbx1",
                "127.0.0.1",
                5038,
                "u",
                io.civicline.core.config.Secret.of("s"),
                List.of("lakeside")),
            AmiClientOptions.defaults());
    assertThatThrownBy(() -> client.updateMailbox("", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.updateMailbox("1000@default", -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    // Not started: fails at once instead of queueing.
    assertThat(awaitFailure(client.updateMailbox("1000@default", 1, 0)))
        .isInstanceOf(AmiDisconnectedException.class);
  }

  private static AmiAction mailbox(String action, String mailbox) {
    return AmiAction.of(action).with("Mailbox", mailbox);
  }
}
