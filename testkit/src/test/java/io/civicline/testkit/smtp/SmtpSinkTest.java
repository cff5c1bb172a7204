package io.civicline.testkit.smtp;

import static io.civicline.testkit.smtp.RawSmtpClient.base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.testkit.ClosedServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpSinkTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void greetsAndAdvertisesAuthAndEightBitButNotStartTls() {
    try (SmtpSink sink = SmtpSink.start();
        RawSmtpClient client = new RawSmtpClient(sink)) {
      assertThat(client.reply().get(0)).startsWith("220 ");
      client.write("EHLO client.test");
      List<String> ehlo = client.reply();
      assertThat(ehlo).allMatch(line -> line.startsWith("250"));
      assertThat(ehlo).anyMatch(line -> line.substring(4).equals("AUTH PLAIN LOGIN"));
      assertThat(ehlo).anyMatch(line -> line.substring(4).equals("8BITMIME"));
      assertThat(ehlo).noneMatch(line -> line.contains("STARTTLS"));
      assertThat(client.send("HELO client.test")).isEqualTo(250);
      assertThat(client.send("NOOP")).isEqualTo(250);
      assertThat(client.send("STARTTLS")).isEqualTo(500);
      assertThat(client.send("VRFY someone")).isEqualTo(500);
      assertThat(client.send("QUIT")).isEqualTo(221);
      assertThat(client.closedByServer()).isTrue();
    }
  }

  @Test
  void takesAMessageUnstuffingDotsAndKeepingTheEnvelope() {
    try (SmtpSink sink = SmtpSink.start();
        RawSmtpClient client = new RawSmtpClient(sink)) {
      client.reply();
      assertThat(client.send("EHLO client.test")).isEqualTo(250);
      assertThat(client.send("MAIL FROM:<voicemail@town.test> BODY=8BITMIME")).isEqualTo(250);
      assertThat(client.send("RCPT TO:<clerk@town.test>")).isEqualTo(250);
      assertThat(client.send("RCPT TO:<deputy@town.test>")).isEqualTo(250);
      assertThat(client.send("DATA")).isEqualTo(354);
      client.write("Subject: =?UTF-8?B?" + base64("Café ") + "?= =?UTF-8?Q?M=C3=BCller?=");
      client.write("To: clerk@town.test");
      client.write("");
      client.write("first line");
      client.write("..leading dot doubled by the client");
      client.write("Grüße");
      assertThat(client.send(".")).isEqualTo(250);
      assertThat(client.send("QUIT")).isEqualTo(221);

      ReceivedMail mail = sink.awaitMessages(1, WAIT).get(0);
      assertThat(mail.envelopeFrom()).isEqualTo("voicemail@town.test");
      assertThat(mail.envelopeTo()).containsExactly("clerk@town.test", "deputy@town.test");
      assertThat(mail.user()).isEmpty();
      assertThat(mail.subject()).isEqualTo("Café Müller");
      assertThat(mail.header("to")).contains("clerk@town.test");
      assertThat(mail.text()).isEqualTo("first line\n.leading dot doubled by the client\nGrüße\n");
    }
  }

  @Test
  void authPlainAndLoginCheckTheCredentials() {
    try (SmtpSink sink = SmtpSink.requiringLogin("civicline", "s3cret")) {
      try (RawSmtpClient client = new RawSmtpClient(sink)) {
        client.reply();
        client.send("EHLO client.test");
        assertThat(client.send("MAIL FROM:<a@town.test>")).isEqualTo(530);
        assertThat(client.send("AUTH PLAIN " + base64("\0civicline\0wrong"))).isEqualTo(535);
        assertThat(client.send("AUTH PLAIN")).isEqualTo(334);
        assertThat(client.send(base64("\0civicline\0s3cret"))).isEqualTo(235);
        assertThat(client.send("AUTH PLAIN " + base64("\0civicline\0s3cret"))).isEqualTo(503);
        assertThat(client.send("MAIL FROM:<a@town.test>")).isEqualTo(250);
      }
      try (RawSmtpClient client = new RawSmtpClient(sink)) {
        client.reply();
        client.send("EHLO client.test");
        assertThat(client.send("AUTH LOGIN")).isEqualTo(334);
        assertThat(client.send(base64("civicline"))).isEqualTo(334);
        assertThat(client.send(base64("nope"))).isEqualTo(535);
        assertThat(client.send("AUTH LOGIN " + base64("civicline"))).isEqualTo(334);
        assertThat(client.send(base64("s3cret"))).isEqualTo(235);
        assertThat(client.send("AUTH CRAM-MD5")).isEqualTo(503);
      }
      try (RawSmtpClient client = new RawSmtpClient(sink)) {
        client.reply();
        client.send("EHLO client.test");
        assertThat(client.send("AUTH CRAM-MD5")).isEqualTo(504);
        assertThat(client.send("AUTH PLAIN not-base64!")).isEqualTo(501);
      }
    }
  }

  @Test
  void refusesChosenRecipientsAndEnforcesCommandOrder() {
    try (SmtpSink sink = SmtpSink.start().refuseRecipient("Gone@Town.test");
        RawSmtpClient client = new RawSmtpClient(sink)) {
      client.reply();
      assertThat(client.send("MAIL FROM:<a@town.test>")).isEqualTo(503);
      client.send("EHLO client.test");
      assertThat(client.send("RCPT TO:<clerk@town.test>")).isEqualTo(503);
      assertThat(client.send("DATA")).isEqualTo(503);
      assertThat(client.send("MAIL FROM:a@town.test")).isEqualTo(501);
      assertThat(client.send("MAIL FROM:<a@town.test>")).isEqualTo(250);
      assertThat(client.send("MAIL FROM:<a@town.test>")).isEqualTo(503);
      assertThat(client.send("RCPT TO:<gone@town.test>")).isEqualTo(550);
      assertThat(client.send("DATA")).isEqualTo(554);
      assertThat(client.send("RSET")).isEqualTo(250);
      assertThat(client.send("RCPT TO:<clerk@town.test>")).isEqualTo(503);
      assertThat(client.send("BOGUS")).isEqualTo(500);
    }
  }

  @Test
  void failNextAnswersOneDataWithTheCodeAndKeepsNothing() {
    try (SmtpSink sink = SmtpSink.start().failNext(451);
        RawSmtpClient client = new RawSmtpClient(sink)) {
      client.reply();
      client.send("EHLO client.test");
      for (int expected : new int[] {451, 250}) {
        client.send("MAIL FROM:<a@town.test>");
        client.send("RCPT TO:<clerk@town.test>");
        assertThat(client.send("DATA")).isEqualTo(354);
        client.write("Subject: try " + expected);
        client.write("");
        client.write("body");
        assertThat(client.send(".")).isEqualTo(expected);
      }
      assertThat(sink.awaitMessages(1, WAIT))
          .singleElement()
          .satisfies(mail -> assertThat(mail.subject()).isEqualTo("try 250"));
    }
  }

  @Test
  void aClientHangingUpMidDataLeavesNoMessage() throws Exception {
    try (SmtpSink sink = SmtpSink.start()) {
      try (RawSmtpClient client = new RawSmtpClient(sink)) {
        client.reply();
        client.send("EHLO client.test");
        client.send("MAIL FROM:<a@town.test>");
        client.send("RCPT TO:<clerk@town.test>");
        assertThat(client.send("DATA")).isEqualTo(354);
        client.write("Subject: never finished");
        client.write("");
        client.write("half a messa");
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (sink.interruptedMessages() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(sink.interruptedMessages()).isEqualTo(1);
      assertThat(sink.messages()).isEmpty();

      // the sink still serves the next client
      try (RawSmtpClient client = new RawSmtpClient(sink)) {
        client.reply();
        client.send("HELO client.test");
        client.send("MAIL FROM:<>");
        client.send("RCPT TO:<clerk@town.test>");
        client.send("DATA");
        client.write("Subject: whole");
        client.write("");
        assertThat(client.send(".")).isEqualTo(250);
      }
      assertThat(sink.awaitMessages(1, WAIT).get(0).envelopeFrom()).isEmpty();
    }
  }

  @Test
  void awaitingMoreThanArrivesFailsWithACount() {
    try (SmtpSink sink = SmtpSink.start()) {
      assertThatThrownBy(() -> sink.awaitMessages(1, Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("got 0");
    }
  }

  @Test
  void failNextTakesOnlyFailureCodes() {
    try (SmtpSink sink = SmtpSink.start()) {
      assertThatThrownBy(() -> sink.failNext(250)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aClosedSinkGreetsNoOne() {
    int greeted =
        ClosedServers.answeredAfterClose(
            300,
            () -> {
              SmtpSink sink = SmtpSink.start();
              sink.close();
              return sink.port();
            },
            new byte[0]);
    assertThat(greeted).as("connections greeted after close").isZero();
  }
}
