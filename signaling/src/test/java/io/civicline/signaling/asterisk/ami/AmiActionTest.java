package io.civicline.signaling.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Action encoding, header-injection guard and secret hygiene. */
class AmiActionTest {

  @Test
  void encodesActionThenActionIdThenHeadersInOrder() {
    AmiAction action =
        AmiAction.of("MWIUpdate").with("Mailbox", "1001@default").with("NewMessages", "2");
    assertThat(new String(action.encode("mwi-upd-1"), StandardCharsets.UTF_8))
        .isEqualTo(
            "Action: MWIUpdate\r\nActionID: mwi-upd-1\r\nMailbox: 1001@default\r\n"
                + "NewMessages: 2\r\n\r\n");
  }

  @Test
  void lineBreaksInValuesAreRefusedSoNoSecondActionCanBeSmuggledIn() {
    assertThatThrownBy(
            () ->
                AmiAction.of("Originate")
                    .with("CallerID", "x\r\nAction: Command\r\nCommand: core stop now"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("core stop");
    assertThatThrownBy(() -> AmiAction.of("Ping").with("Bad Key", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AmiAction.of("Ping").with("ActionID", "mine"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AmiAction.of("Ping\n")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsAreMaskedInToStringAndAbsentFromServerToString() {
    AmiAction login =
        AmiAction.of("Login")
            .with("Username", "uctest")
            .with("Secret", "s3cr3t")
            .with("Key", "abc123");
    assertThat(login.toString())
        .contains("uctest")
        .doesNotContain("s3cr3t")
        .doesNotContain("abc123");
    AmiServer server =
        new AmiServer("pbx1", "10.0.0.5", 5038, "uctest", Secret.of("s3cr3t"), List.of("lakeside"));
    assertThat(server.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void originateUsesTheRecordedHeaderOrderAndKeepsVariableOrder() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("B", "2");
    vars.put("A", "1");
    Originate request =
        new Originate("PJSIP/101", "staff", "101", 1, null, Duration.ofSeconds(20), vars);
    assertThat(new String(request.toAction().encode("o-1"), StandardCharsets.UTF_8))
        .isEqualTo(
            "Action: Originate\r\nActionID: o-1\r\nChannel: PJSIP/101\r\nAsync: true\r\n"
                + "Timeout: 20000\r\nContext: staff\r\nExten: 101\r\nPriority: 1\r\n"
                + "Variable: B=2\r\nVariable: A=1\r\n\r\n");
    assertThatThrownBy(
            () ->
                new Originate(
                    "PJSIP/101",
                    "staff",
                    "101",
                    1,
                    null,
                    Duration.ofSeconds(20),
                    Map.of("A=B", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClientKeepsLoginAndLogoffToItself() {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      AmiClient client =
          new AmiClient(
              vertx,
              new AmiServer("pbx1", "127.0.0.1", 5038, "u", Secret.of("s"), List.of("lakeside")),
              AmiClientOptions.defaults());
      assertThatThrownBy(() -> client.send(AmiAction.of("Logoff")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> client.send(AmiAction.of("login")))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      AmiTestSupport.await(vertx.close());
    }
  }
}
