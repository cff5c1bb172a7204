package io.civicline.voicemail.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticeEmailTest {

  @Test
  void subjectNamesMailboxCallerAndLength() {
    NoticeEmail email = NoticeEmail.render(Notices.clerk(Optional.empty()));
    assertThat(email.subject())
        .isEqualTo("New voicemail for Township Clerk from +1 207 555 0123 (0:42)");
  }

  @Test
  void textCarriesEverythingStaffNeed() {
    NoticeEmail email = NoticeEmail.render(Notices.clerk(Optional.of("Please call me back.")));
    assertThat(email.text())
        .contains("New voicemail for Township Clerk at Town of Lakeside.")
        .contains("From:      +1 207 555 0123")
        .contains("Received:  Tuesday, March 3, 2026 at 2:05 PM EST")
        .contains("Length:    0:42")
        .contains("Language:  English")
        .contains("Transcript:\nPlease call me back.")
        .contains("https://console.lakeside.example/voicemail/vm_01HZX3")
        .contains("vm_01HZX3 in mailbox department:clerk");
    assertThat(email.html())
        .contains("<a href=\"https://console.lakeside.example/voicemail/vm_01HZX3\">")
        .contains("Please call me back.");
  }

  @Test
  void saysSoWhenThereIsNoTranscript() {
    NoticeEmail email = NoticeEmail.render(Notices.clerk(Optional.of("   ")));
    assertThat(email.text()).contains("No transcript").doesNotContain("Transcript:");
    assertThat(email.html()).contains("No transcript");
  }

  @Test
  void htmlEscapesWhatCallersAndAdminsTyped() {
    VoicemailNotice notice = Notices.clerk(Optional.of("<script>alert('x')</script> & more"));
    String html = NoticeEmail.render(notice).html();
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
  }

  @Test
  void localTimeFollowsTheTownsZoneAndDaylightSaving() {
    ZoneId detroit = ZoneId.of("America/Detroit");
    assertThat(NoticeEmail.localTime(Instant.parse("2026-03-03T19:05:00Z"), detroit))
        .isEqualTo("Tuesday, March 3, 2026 at 2:05 PM EST");
    assertThat(NoticeEmail.localTime(Instant.parse("2026-07-04T16:30:00Z"), detroit))
        .isEqualTo("Saturday, July 4, 2026 at 12:30 PM EDT");
    // just after midnight in Detroit is still the evening before in Denver
    assertThat(
            NoticeEmail.localTime(
                Instant.parse("2026-01-15T05:10:00Z"), ZoneId.of("America/Denver")))
        .isEqualTo("Wednesday, January 14, 2026 at 10:10 PM MST");
  }

  @Test
  void formatsDurationsNumbersAndLanguages() {
    assertThat(NoticeEmail.duration(0)).isEqualTo("0:00");
    assertThat(NoticeEmail.duration(42)).isEqualTo("0:42");
    assertThat(NoticeEmail.duration(725)).isEqualTo("12:05");
    assertThat(NoticeEmail.duration(3723)).isEqualTo("1:02:03");
    assertThat(NoticeEmail.callerForDisplay("+12075550123")).isEqualTo("+1 207 555 0123");
    assertThat(NoticeEmail.callerForDisplay("+442071838750")).isEqualTo("+442071838750");
    assertThat(NoticeEmail.callerForDisplay("anonymous")).isEqualTo("unknown caller");
    assertThat(NoticeEmail.callerForDisplay(" ")).isEqualTo("unknown caller");
    assertThat(NoticeEmail.languageName("es")).isEqualTo("Spanish");
    assertThat(NoticeEmail.languageName("vi")).isEqualTo("Vietnamese");
  }

  @Test
  void lineBreaksInNamesCannotReachTheSubject() {
    VoicemailNotice base = Notices.clerk(Optional.empty());
    VoicemailNotice sneaky =
        new VoicemailNotice(
            base.tenant(),
            base.townName(),
            base.mailbox(),
            "Clerk\r\nBcc: someone@evil.example",
            base.messageId(),
            base.callerNumber(),
            base.receivedAt(),
            base.townZone(),
            base.durationSeconds(),
            base.callerLanguage(),
            base.transcript(),
            base.link());
    assertThat(NoticeEmail.render(sneaky).subject()).doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void noticeRefusesNonWebLinksAndNegativeDurations() {
    VoicemailNotice base = Notices.clerk(Optional.empty());
    assertThatThrownBy(
            () ->
                new VoicemailNotice(
                    base.tenant(),
                    base.townName(),
                    base.mailbox(),
                    base.mailboxName(),
                    base.messageId(),
                    base.callerNumber(),
                    base.receivedAt(),
                    base.townZone(),
                    base.durationSeconds(),
                    base.callerLanguage(),
                    base.transcript(),
                    URI.create("javascript:alert(1)")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new VoicemailNotice(
                    base.tenant(),
                    base.townName(),
                    base.mailbox(),
                    base.mailboxName(),
                    base.messageId(),
                    base.callerNumber(),
                    base.receivedAt(),
                    base.townZone(),
                    -1,
                    base.callerLanguage(),
                    base.transcript(),
                    base.link()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
