package io.civicline.testkit.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One client connection to the {@link SmtpSink}: reads commands and answers them in order. */
final class SmtpSession {
  private static final Pattern MAIL_FROM =
      Pattern.compile("^MAIL FROM:\\s*<([^>]*)>(\\s.*)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern RCPT_TO =
      Pattern.compile("^RCPT TO:\\s*<([^>]+)>(\\s.*)?$", Pattern.CASE_INSENSITIVE);
  private static final int MAX_LINE = 1 << 20;
  private static final int IDLE_TIMEOUT_MILLIS = 60_000;

  private final SmtpSink sink;
  private final InputStream in;
  private final OutputStream out;

  private boolean greeted;
  private Optional<String> user = Optional.empty();
  private String envelopeFrom;
  private final List<String> envelopeTo = new ArrayList<>();
  private boolean recipientRefused;

  SmtpSession(SmtpSink sink, Socket socket) throws IOException {
    this.sink = sink;
    socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  void run() throws IOException {
    reply("220 " + SmtpSink.HOST_NAME + " ESMTP CivicLine test sink ready");
    String line;
    while ((line = readLine()) != null) {
      if (!handle(line)) {
        return;
      }
    }
  }

  /** Answers one command; returns false once the session is over. */
  private boolean handle(String line) throws IOException {
    String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
    String argument = line.length() > verb.length() ? line.substring(verb.length() + 1).trim() : "";
    switch (verb) {
      case "EHLO" -> ehlo(argument);
      case "HELO" -> helo(argument);
      case "AUTH" -> auth(argument);
      case "MAIL" -> mail(line);
      case "RCPT" -> rcpt(line);
      case "DATA" -> data();
      case "RSET" -> {
        resetTransaction();
        reply("250 2.0.0 OK");
      }
      case "NOOP" -> reply("250 2.0.0 OK");
      case "QUIT" -> {
        reply("221 2.0.0 " + SmtpSink.HOST_NAME + " closing connection");
        return false;
      }
      default -> reply("500 5.5.2 command not recognized");
    }
    return true;
  }

  private void ehlo(String domain) throws IOException {
    if (domain.isEmpty()) {
      reply("501 5.5.4 EHLO needs a domain");
      return;
    }
    greeted = true;
    resetTransaction();
    reply(
        "250-" + SmtpSink.HOST_NAME + " greets " + domain, "250-8BITMIME", "250 AUTH PLAIN LOGIN");
  }

  private void helo(String domain) throws IOException {
    if (domain.isEmpty()) {
      reply("501 5.5.4 HELO needs a domain");
      return;
    }
    greeted = true;
    resetTransaction();
    reply("250 " + SmtpSink.HOST_NAME);
  }

  private void auth(String argument) throws IOException {
    if (!greeted) {
      reply("503 5.5.1 say EHLO first");
      return;
    }
    if (user.isPresent()) {
      reply("503 5.5.1 already authenticated");
      return;
    }
    String[] parts = argument.split("\\s+", 2);
    String mechanism = parts[0].toUpperCase(Locale.ROOT);
    Optional<String> initial = parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
    Optional<String[]> given =
        switch (mechanism) {
          case "PLAIN" -> plain(initial);
          case "LOGIN" -> login(initial);
          default -> {
            reply("504 5.5.4 unrecognized authentication type");
            yield null;
          }
        };
    if (given == null) {
      return;
    }
    if (given.isEmpty()) {
      reply("501 5.5.2 cannot decode the response");
      return;
    }
    String name = given.get()[0];
    String password = given.get()[1];
    boolean ok =
        sink.credentials()
            .map(expected -> expected.user().equals(name) && expected.password().equals(password))
            .orElse(true);
    if (ok) {
      user = Optional.of(name);
      reply("235 2.7.0 authentication successful");
    } else {
      reply("535 5.7.8 authentication credentials invalid");
    }
  }

  /** RFC 4616: base64 of {@code authzid NUL authcid NUL password}. */
  private Optional<String[]> plain(Optional<String> initial) throws IOException {
    String response = initial.isPresent() ? initial.get() : challenge("");
    Optional<String> decoded = decodeBase64(response);
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    String[] fields = decoded.get().split("\0", -1);
    if (fields.length != 3) {
      return Optional.empty();
    }
    return Optional.of(new String[] {fields[1], fields[2]});
  }

  /** The old LOGIN mechanism: the user name and the password, each asked for in base64. */
  private Optional<String[]> login(Optional<String> initial) throws IOException {
    Optional<String> name =
        decodeBase64(initial.isPresent() ? initial.get() : challenge("Username:"));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> password = decodeBase64(challenge("Password:"));
    return password.map(p -> new String[] {name.get(), p});
  }

  private String challenge(String prompt) throws IOException {
    reply("334 " + Base64.getEncoder().encodeToString(prompt.getBytes(StandardCharsets.UTF_8)));
    String answer = readLine();
    if (answer == null) {
      throw new IOException("client hung up during AUTH");
    }
    return answer.trim();
  }

  private static Optional<String> decodeBase64(String text) {
    if (text.equals("*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private void mail(String line) throws IOException {
    if (!greeted) {
      reply("503 5.5.1 say EHLO first");
      return;
    }
    if (sink.credentials().isPresent() && user.isEmpty()) {
      reply("530 5.7.0 authentication required");
      return;
    }
    if (envelopeFrom != null) {
      reply("503 5.5.1 a transaction is already open");
      return;
    }
    Matcher matcher = MAIL_FROM.matcher(line);
    if (!matcher.matches()) {
      reply("501 5.5.4 syntax: MAIL FROM:<address>");
      return;
    }
    envelopeFrom = matcher.group(1);
    reply("250 2.1.0 sender OK");
  }

  private void rcpt(String line) throws IOException {
    if (envelopeFrom == null) {
      reply("503 5.5.1 MAIL first");
      return;
    }
    Matcher matcher = RCPT_TO.matcher(line);
    if (!matcher.matches()) {
      reply("501 5.5.4 syntax: RCPT TO:<address>");
      return;
    }
    String address = matcher.group(1);
    if (sink.refuses(address)) {
      recipientRefused = true;
      reply("550 5.1.1 <" + address + ">: no such mailbox");
      return;
    }
    envelopeTo.add(address);
    reply("250 2.1.5 recipient OK");
  }

  private void data() throws IOException {
    if (envelopeTo.isEmpty()) {
      reply(recipientRefused ? "554 5.5.1 no valid recipients" : "503 5.5.1 RCPT first");
      return;
    }
    reply("354 end data with <CR><LF>.<CR><LF>");
    StringBuilder content = new StringBuilder();
    String line;
    while (!".".equals(line = readLine())) {
      if (line == null) {
        sink.interruptedMidData();
        throw new IOException("client hung up in the middle of DATA");
      }
      // RFC 5321 4.5.2: the client doubled every leading dot.
      content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    int failure = sink.takeDataFailure();
    if (failure != 0) {
      reply(failure + (failure < 500 ? " 4.3.0 try again later" : " 5.3.0 message refused"));
    } else {
      sink.accepted(ReceivedMail.parse(envelopeFrom, envelopeTo, user, content.toString()));
      reply("250 2.0.0 OK message accepted");
    }
    resetTransaction();
  }

  private void resetTransaction() {
    envelopeFrom = null;
    envelopeTo.clear();
    recipientRefused = false;
  }

  private void reply(String... lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append("\r\n");
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * One line without its CRLF, or null at the end of the stream. Bytes are read as UTF-8 because
   * 8BITMIME bodies from modern clients are UTF-8.
   */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = line.toByteArray();
        int length =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes");
      }
      line.write(c);
    }
    return null;
  }
}
