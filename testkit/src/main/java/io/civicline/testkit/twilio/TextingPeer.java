package io.civicline.testkit.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resident's side of texting, as Twilio plays it: signed "a message comes in" webhooks (with
 * MMS attachments the stand-in then serves) and signed delivery status callbacks.
 */
final class TextingPeer {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TwilioStandIn standIn;
  private final HttpClient http;

  TextingPeer(TwilioStandIn standIn, HttpClient http) {
    this.standIn = standIn;
    this.http = http;
  }

  /** The parameters Twilio posts for an inbound text. */
  Map<String, String> inbound(
      String messageSid,
      String from,
      String to,
      String body,
      List<String> mediaUrls,
      List<String> mediaTypes) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ToCountry", "US");
    params.put("SmsMessageSid", messageSid);
    params.put("NumMedia", String.valueOf(mediaUrls.size()));
    params.put("SmsSid", messageSid);
    params.put("SmsStatus", "received");
    params.put("Body", body);
    params.put("To", to);
    params.put("NumSegments", "1");
    params.put("MessageSid", messageSid);
    params.put("AccountSid", standIn.accountSid());
    params.put("From", from);
    params.put("ApiVersion", "2010-04-01");
    for (int i = 0; i < mediaUrls.size(); i++) {
      params.put("MediaUrl" + i, mediaUrls.get(i));
      params.put("MediaContentType" + i, mediaTypes.get(i));
    }
    return params;
  }

  /** Posts signed form parameters; answers the status and body (status -1 when unreachable). */
  TwilioStandIn.WebhookReply post(String url, Map<String, String> params, String signature) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("X-Twilio-Signature", signature)
            .header("User-Agent", "TwilioProxy/1.1")
            .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(Wire.formEncode(params)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new TwilioStandIn.WebhookReply(response.statusCode(), response.body());
    } catch (IOException e) {
      return new TwilioStandIn.WebhookReply(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TwilioStandIn.WebhookReply(-1, e.toString());
    }
  }

  TwilioStandIn.WebhookReply signedPost(String url, Map<String, String> params) {
    return post(url, params, TwilioSignature.sign(standIn.authToken(), url, params));
  }
}
