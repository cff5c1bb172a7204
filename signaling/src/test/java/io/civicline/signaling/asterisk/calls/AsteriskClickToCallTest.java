package io.civicline.signaling.asterisk.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.signaling.asterisk.ami.Originate;
import io.civicline.signaling.asterisk.ami.OriginateResult;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What click-to-call asks of Asterisk: the staff phone first, then the resident via the dialplan.
 */
class AsteriskClickToCallTest {
  private final List<Originate> asked = new ArrayList<>();
  private boolean connected = true;
  private final AsteriskClickToCall calls =
      new AsteriskClickToCall(
          request -> {
            asked.add(request);
            return Future.succeededFuture(
                new OriginateResult("1", true, 4, "PJSIP/101-00000001", "1700000000.1"));
          },
          () -> connected);

  @Test
  void ringsTheDeskPhoneThenTheResidentShowingTheDepartmentsNumber() {
    String reference =
        calls.place(
            "lakeside", new AsteriskClickToCall.Extension("101"), "+12075550123", "+12075550100");

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
    calls.place(
        "lakeside", new AsteriskClickToCall.Mobile("+12075550111"), "+12075550123", "+120755501");
    assertThat(asked.get(0).channel()).isEqualTo("Local/+12075550111@civicline-outbound");
  }

  @Test
  void refusesWhileTheTownsAsteriskIsDisconnected() {
    connected = false;
    assertThatThrownBy(
            () ->
                calls.place(
                    "lakeside",
                    new AsteriskClickToCall.Extension("101"),
                    "+12075550123",
                    "+12075550100"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not connected");
    assertThat(asked).isEmpty();
  }
}
