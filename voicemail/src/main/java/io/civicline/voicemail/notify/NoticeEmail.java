package io.civicline.voicemail.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of a voicemail e-mail: subject, plain text, and the same as HTML for mail apps that
 * prefer it. Staff read these, so they are in US English whatever the caller spoke.
 */
public record NoticeEmail(String subject, String text, String html) {
  private static final Pattern NANP = Pattern.compile("^\\+1(\\d{3})(\\d{3})(\\d{4})$");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu 'at' h:mm a zzz", Locale.US);

  public static NoticeEmail render(VoicemailNotice notice) {
    String caller = callerForDisplay(notice.callerNumber());
    String length = duration(notice.durationSeconds());
    String received = localTime(notice.receivedAt(), notice.townZone());
    String language = languageName(notice.callerLanguage());
    String mailbox = oneLine(notice.mailboxName());
    String town = oneLine(notice.townName());
    String subject = "New voicemail for %s from %s (%s)".formatted(mailbox, caller, length);

    StringBuilder text = new StringBuilder();
    text.append("New voicemail for ").append(mailbox).append(" at ").append(town).append(".\n\n");
    text.append("From:      ").append(caller).append('\n');
    text.append("Received:  ").append(received).append('\n');
    text.append("Length:    ").append(length).append('\n');
    text.append("Language:  ").append(language).append("\n\n");
    notice
        .transcript()
        .ifPresentOrElse(
            transcript -> text.append("Transcript:\n").append(transcript.strip()).append("\n\n"),
            () -> text.append("No transcript is available for this message.\n\n"));
    text.append("Listen to it here: ").append(notice.link()).append("\n\n");
    text.append("Message ").append(notice.messageId()).append(" in mailbox ");
    text.append(notice.mailbox()).append(".\n");

    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><body>\n");
    html.append("<p>New voicemail for <strong>").append(escape(mailbox)).append("</strong> at ");
    html.append(escape(town)).append(".</p>\n<table>\n");
    row(html, "From", caller);
    row(html, "Received", received);
    row(html, "Length", length);
    row(html, "Language", language);
    html.append("</table>\n");
    notice
        .transcript()
        .ifPresentOrElse(
            transcript ->
                html.append("<p><strong>Transcript</strong></p>\n<blockquote>")
                    .append(escape(transcript.strip()).replace("\n", "<br>\n"))
                    .append("</blockquote>\n"),
            () -> html.append("<p>No transcript is available for this message.</p>\n"));
    String link = escape(notice.link().toString());
    html.append("<p><a href=\"").append(link).append("\">Listen to the message</a></p>\n");
    html.append("<p><small>Message ").append(escape(notice.messageId())).append(" in mailbox ");
    html.append(escape(notice.mailbox())).append(".</small></p>\n</body></html>\n");

    return new NoticeEmail(subject, text.toString(), html.toString());
  }

  /** North American numbers as {@code +1 207 555 0123}; other numbers as given. */
  static String callerForDisplay(String number) {
    String trimmed = oneLine(number);
    if (trimmed.isEmpty() || !trimmed.matches("^\\+?[0-9 ()./-]+$")) {
      // blank, "anonymous", "restricted": the carrier withheld it
      return "unknown caller";
    }
    var nanp = NANP.matcher(trimmed);
    return nanp.matches()
        ? "+1 %s %s %s".formatted(nanp.group(1), nanp.group(2), nanp.group(3))
        : trimmed;
  }

  /** {@code 0:42}, {@code 12:05}, {@code 1:02:03}. */
  static String duration(int seconds) {
    int hours = seconds / 3600;
    int minutes = seconds % 3600 / 60;
    int rest = seconds % 60;
    return hours > 0
        ? "%d:%02d:%02d".formatted(hours, minutes, rest)
        : "%d:%02d".formatted(minutes, rest);
  }

  /** E.g. {@code Tuesday, March 3, 2026 at 2:05 PM EST}, in the town's own time. */
  static String localTime(Instant instant, ZoneId zone) {
    return LOCAL_TIME.format(instant.atZone(zone));
  }

  /** {@code es} becomes {@code Spanish}; a tag Java does not know stays as it is. */
  static String languageName(String tag) {
    String name = Locale.forLanguageTag(tag).getDisplayLanguage(Locale.US);
    return name.isEmpty() ? oneLine(tag) : name;
  }

  /** Names end up in a header, so no line breaks or other control characters get through. */
  private static String oneLine(String value) {
    return CONTROL.matcher(value).replaceAll(" ").strip();
  }

  private static void row(StringBuilder html, String label, String value) {
    html.append("<tr><td>").append(label).append(":</td><td>").append(escape(value));
    html.append("</td></tr>\n");
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
