package io.civicline.testkit.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.testkit.ClosedServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FcmStandInTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> send(FcmStandIn fcm, String project, String bearer, String to)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(fcm.baseUrl() + "/v1/projects/" + project + "/messages:send"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"token\":\"" + to + "\"}}"));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void keepsAcceptedMessagesAndRefusesLikeGoogle() throws Exception {
    try (FcmStandIn fcm = FcmStandIn.start("town-app", "ya29.test")) {
      assertThat(send(fcm, "town-app", "ya29.test", "tok-1").statusCode()).isEqualTo(200);
      assertThat(send(fcm, "town-app", "wrong", "tok-1").statusCode()).isEqualTo(401);
      assertThat(send(fcm, "town-app", null, "tok-1").statusCode()).isEqualTo(401);
      HttpResponse<String> unknownProject = send(fcm, "other", "ya29.test", "tok-1");
      assertThat(unknownProject.statusCode()).isEqualTo(404);
      assertThat(unknownProject.body()).doesNotContain("UNREGISTERED");

      fcm.unregister("tok-gone");
      HttpResponse<String> gone = send(fcm, "town-app", "ya29.test", "tok-gone");
      assertThat(gone.statusCode()).isEqualTo(404);
      assertThat(gone.body()).contains("\"errorCode\":\"UNREGISTERED\"");

      fcm.failNext(1, 503);
      assertThat(send(fcm, "town-app", "ya29.test", "tok-1").statusCode()).isEqualTo(503);

      assertThat(fcm.await(1, Duration.ofSeconds(1)))
          .singleElement()
          .satisfies(
              push -> {
                assertThat(push.token()).isEqualTo("tok-1");
                assertThat(push.headers()).containsEntry("authorization", "Bearer ya29.test");
              });
      assertThat(fcm.requests()).isEqualTo(6);
    }
  }

  @Test
  void aClosedStandInAnswersNoOne() {
    byte[] request =
        "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    int answered =
        ClosedServers.answeredAfterClose(
            300,
            () -> {
              FcmStandIn fcm = FcmStandIn.start("town-app", "ya29.test");
              fcm.close();
              return URI.create(fcm.baseUrl()).getPort();
            },
            request);
    assertThat(answered).as("requests answered after close").isZero();
  }
}
