package io.civicline.signaling.asterisk.calls;

import static io.civicline.core.testing.RedisTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.signaling.asterisk.ami.BridgeEnterEvent;
import io.civicline.signaling.asterisk.ami.HangupEvent;
import io.civicline.signaling.asterisk.ami.Originate;
import io.civicline.signaling.asterisk.ami.OriginateResult;
import io.civicline.signaling.store.CallRecords;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What click-to-call asks of Asterisk (the staff phone first, then the resident via the dialplan)
 * and how an answered one is recorded from the AMI events of the member's channel.
 */
@ExtendWith(RedisExtension.class)
class AsteriskClickToCallTest {
  private static final String STAFF_CHANNEL = "PJSIP/101-0000000a";

  private final RedisServer server;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final List<Originate> asked = new ArrayList<>();
  private OriginateResult answer = new OriginateResult("1", true, 4, STAFF_CHANNEL, "1700000000.1");
  private boolean connected = true;
  private RedisTestBed bed;
  private CallRecords records;
  private ClickToCallLog log;
  private AsteriskClickToCall calls;

  AsteriskClickToCallTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    bed = RedisTestBed.open(server);
    records = new CallRecords(bed.redis());
    log = new ClickToCallLog(records, clock);
    calls =
        new AsteriskClickToCall(
            request -> {
              asked.add(request);
              return Future.succeededFuture(answer);
            },
            () -> connected,
            log);
  }

  @AfterEach
  void close() {
    bed.close();
  }

  private String place(AsteriskClickToCall.StaffPhone phone) {
    return calls.place("lakeside", "maria", "clerk", phone, "+12075550123", "+12075550100");
  }

  @Test
  void ringsTheDeskPhoneThenTheResidentShowingTheDepartmentsNumber() {
    String reference = place(new AsteriskClickToCall.Extension("101"));

    assertThat(reference).startsWith("c2c-");
    assertThat(asked).hasSize(1);
    Originate originate = asked.get(0);
    assertThat(originate.channel()).isEqualTo("PJSIP/101");
    assertThat(originate.context()).isEqualTo("civicline-originate");
    assertThat(originate.exten()).isEqualTo("+12075550123");
    assertThat(originate.priority()).isEqualTo(1);
    assertThat(originate.callerId()).isEqualTo("\"Call +12075550123\" <+12075550123>");
    assertThat(originate.variables())
        .isEqualTo(
            Map.of(
                "__CIVICLINE_TENANT", "lakeside",
                "__CIVICLINE_OUT_CLI", "+12075550100",
                "CIVICLINE_CLICK_TO_CALL", reference));
  }

  @Test
  void ringsAMobileThroughTheTownsTrunk() {
    place(new AsteriskClickToCall.Mobile("+12075550111"));
    assertThat(asked.get(0).channel()).isEqualTo("Local/+12075550111@civicline-outbound");
  }

  @Test
  void refusesWhileTheTownsAsteriskIsDisconnected() {
    connected = false;
    assertThatThrownBy(() -> place(new AsteriskClickToCall.Extension("101")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not connected");
    assertThat(asked).isEmpty();
  }

  @Test
  void anAnsweredCallIsRecordedWhenTheMembersChannelHangsUp() {
    String reference = place(new AsteriskClickToCall.Extension("101"));
    clock.advance(Duration.ofSeconds(5));
    log.onBridgeEnter(
        new BridgeEnterEvent(
            "pbx1", "b1", "basic", 2, STAFF_CHANNEL, "1700000000.1", "1700000000.1", "lakeside"));
    clock.advance(Duration.ofSeconds(60));
    log.onHangup(
        new HangupEvent(
            "pbx1", STAFF_CHANNEL, "1700000000.1", "1700000000.1", 16, "Normal", "lakeside"));

    JsonObject record = eventuallyRecorded(reference);
    assertThat(record.getString("channel")).isEqualTo("asterisk");
    assertThat(record.getString("from")).isEqualTo("+12075550100");
    assertThat(record.getString("to")).isEqualTo("+12075550123");
    assertThat(record.getString("answeredBy")).isEqualTo("maria");
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("startedAt")).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(record.getString("answeredAt")).isEqualTo("2026-03-02T09:00:05Z");
    assertThat(record.getString("endedAt")).isEqualTo("2026-03-02T09:01:05Z");
    assertThat(record.getJsonArray("departments")).containsExactly("clerk");
  }

  @Test
  void aResidentWhoNeverAnswersIsRecordedAsNoAnswerAndAnUnansweredMemberNotAtAll() {
    String reference = place(new AsteriskClickToCall.Extension("101"));
    log.onHangup(
        new HangupEvent("pbx1", STAFF_CHANNEL, "1700000000.1", "1700000000.1", 19, "", "lakeside"));
    assertThat(eventuallyRecorded(reference).getString("outcome")).isEqualTo("no-answer");

    answer = new OriginateResult("2", false, 3, null, null); // the member did not pick up
    String unanswered = place(new AsteriskClickToCall.Extension("101"));
    log.onHangup(new HangupEvent("pbx1", "PJSIP/101-0000000b", null, null, 19, "", "lakeside"));
    assertThat(await(records.get("lakeside", unanswered))).isEqualTo(Optional.empty());
  }

  private JsonObject eventuallyRecorded(String reference) {
    for (int i = 0; i < 250; i++) {
      Optional<JsonObject> found = await(records.get("lakeside", reference));
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no record of " + reference + " within 5 s");
  }
}
