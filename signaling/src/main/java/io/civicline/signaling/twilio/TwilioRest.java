package io.civicline.signaling.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Optional;

/**
 * The Twilio REST calls CivicLine makes (texts, callbacks, looking up a dialled leg), through the
 * SDK, run on worker threads because the SDK blocks.
 */
public final class TwilioRest {
  private final Vertx vertx;
  private final TwilioRestClient client;
  private final BaseUrlHttpClient transport;
  private final TwilioSettings settings;

  public TwilioRest(Vertx vertx, TwilioSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.transport = new BaseUrlHttpClient(settings.restBaseUrl());
    this.client =
        new TwilioRestClient.Builder(settings.accountSid(), settings.authToken().reveal())
            .httpClient(transport)
            .build();
  }

  /** Sends a text; answers the message sid. */
  public Future<String> sendSms(String from, String to, String body) {
    return vertx.executeBlocking(
        () ->
            Message.creator(new PhoneNumber(to), new PhoneNumber(from), body)
                .create(client)
                .getSid(),
        false);
  }

  /**
   * Sends a text whose delivery Twilio reports to {@code statusCallback}; answers the message sid.
   * A refusal fails with the SDK's {@link com.twilio.exception.ApiException} (HTTP status and
   * Twilio error code), an unreachable Twilio with {@link
   * com.twilio.exception.ApiConnectionException}, so callers can tell retryable from final.
   */
  public Future<String> sendSms(String from, String to, String body, String statusCallback) {
    return vertx.executeBlocking(
        () ->
            Message.creator(new PhoneNumber(to), new PhoneNumber(from), body)
                .setStatusCallback(URI.create(statusCallback))
                .create(client)
                .getSid(),
        false);
  }

  /**
   * Places a call that fetches its TwiML from {@code url}; answers the call sid. {@code to} is a
   * number, or {@code client:<identity>} for an app holding a voice access token.
   */
  public Future<String> placeCall(String from, String to, String url, String statusCallback) {
    return vertx.executeBlocking(
        () ->
            Call.creator(endpoint(to), new PhoneNumber(from), URI.create(url))
                .setStatusCallback(URI.create(statusCallback))
                .create(client)
                .getSid(),
        false);
  }

  private static com.twilio.type.Endpoint endpoint(String to) {
    return to.startsWith("client:") ? new com.twilio.type.Client(to) : new PhoneNumber(to);
  }

  /**
   * The audio of a recording of this account, as WAV. The URL is built from the recording's id,
   * never taken from the webhook, so a forged URL cannot make the server fetch elsewhere.
   */
  public Future<byte[]> downloadRecording(String recordingSid) {
    if (!recordingSid.matches("RE[0-9a-fA-F]{32}")) {
      return Future.failedFuture(
          new IllegalArgumentException("not a recording sid: " + recordingSid));
    }
    String url =
        "https://api.twilio.com/2010-04-01/Accounts/"
            + settings.accountSid()
            + "/Recordings/"
            + recordingSid
            + ".wav";
    return vertx.executeBlocking(
        () -> {
          com.twilio.http.Response response =
              client.request(new com.twilio.http.Request(com.twilio.http.HttpMethod.GET, url));
          if (response.getStatusCode() != 200) {
            throw new IllegalStateException(
                "recording download answered " + response.getStatusCode());
          }
          try (java.io.InputStream audio = response.getStream()) {
            return audio.readAllBytes();
          }
        },
        false);
  }

  /** Who a dialled leg went to ({@code client:<id>} or a number), when Twilio knows the leg. */
  public Future<Optional<String>> calledParty(String callSid) {
    return vertx
        .executeBlocking(
            () -> Optional.ofNullable(Call.fetcher(callSid).fetch(client).getTo()), false)
        .recover(failure -> Future.succeededFuture(Optional.empty()));
  }
}
