package io.civicline.ops.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/**
 * The demo town's staff voicemail line as an admin sets it up through the API: a flow with one
 * voicemail-access node (mailbox 200 is the Clerk's), published on its own number, and a PIN on the
 * Clerk's mailbox.
 */
public final class StaffVoicemailLine {
  public static final String NUMBER = "+12695550150";
  public static final String CLERK_PIN = "482915";
  static final String L = "/api/v1/tenants/lakeside";

  private StaffVoicemailLine() {}

  public static void setUp(Api admin) {
    createLine(admin);
    setClerkPin(admin);
  }

  private static void createLine(Api admin) {
    JsonObject mailboxes = new JsonObject().put("200", new JsonObject().put("department", "clerk"));
    JsonObject document =
        new JsonObject()
            .put("name", "Staff voicemail")
            .put("start", "access")
            .put(
                "nodes",
                new JsonObject()
                    .put(
                        "access",
                        new JsonObject()
                            .put("kind", "voicemail-access")
                            .put("mailboxes", mailboxes)));
    Api.Response created =
        admin.post(
            L + "/flows", new JsonObject().put("id", "staff-voicemail").put("document", document));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Response published =
        admin.post(L + "/flows/staff-voicemail/versions/1/publish", new JsonObject());
    assertThat(published.status()).as(published.toString()).isEqualTo(200);
    Api.Response number =
        admin.post(
            L + "/numbers",
            new JsonObject()
                .put("id", "staff-voicemail")
                .put("number", NUMBER)
                .put("label", "Staff voicemail")
                .put("flowId", "staff-voicemail"));
    assertThat(number.status()).as(number.toString()).isEqualTo(201);
  }

  /** The Clerk's mailbox gets settings and a PIN through the API, as an admin would do it. */
  private static void setClerkPin(Api admin) {
    JsonObject mailbox =
        new JsonObject().put("id", "department-clerk").put("name", "Township Clerk");
    Api.Response created = admin.post(L + "/mailboxes", mailbox);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Response pin =
        admin.put(
            L + "/mailboxes/department-clerk/pin", new JsonObject().put("pin", CLERK_PIN), null);
    assertThat(pin.status()).as(pin.toString()).isBetween(200, 204);
  }
}
