package io.civicline.mobileapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.mobileapi.StaffApi;
import io.civicline.mobileapi.support.Http;
import io.civicline.mobileapi.support.StaffApiServer;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The staff API's OpenAPI document against the implementation: the same operations, a valid OpenAPI
 * 3.1 document, every answer matching the schema declared for its status, and request schemas that
 * accept and refuse what the server does.
 */
@ExtendWith(RedisExtension.class)
class StaffOpenApiContractTest {
  private static final String BASE = "app://civicline/staff-api.json";
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final RedisServer redis;
  private StaffApiServer server;
  private JsonObject doc;
  private SchemaRepository schemas;
  private final Set<String> exercised = new TreeSet<>();

  StaffOpenApiContractTest(RedisServer redis) {
    this.redis = redis;
  }

  @BeforeEach
  void start() throws IOException {
    server = StaffApiServer.start(redis);
    doc = resource(StaffApi.OPENAPI_RESOURCE);
    schemas = SchemaRepository.create(options()).dereference(BASE, JsonSchema.of(doc.copy()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void documentsExactlyTheRoutesServed() {
    Set<String> served = new TreeSet<>();
    for (Route route : server.router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // body, failure and fallback handlers, not endpoints
      }
      String template = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      route.methods().forEach(method -> served.add(method.name() + " " + template));
    }
    assertThat(documentedOperations()).isEqualTo(served).hasSize(25);
  }

  @Test
  void documentIsValidOpenApi31() throws IOException {
    JsonObject structure = resource("/openapi/openapi-3.1-structure.schema.json");
    assertValid(
        SchemaRepository.create(options())
            .dereference("app://civicline/structure.json", JsonSchema.of(structure))
            .validator("app://civicline/structure.json")
            .validate(doc),
        "document structure");
    Vertx vertx = Vertx.vertx();
    try {
      SchemaRepository meta =
          SchemaRepository.create(options()).preloadMetaSchema(vertx.fileSystem());
      JsonObject components = doc.getJsonObject("components").getJsonObject("schemas");
      for (String name : components.fieldNames()) {
        assertValid(
            meta.validator("https://json-schema.org/draft/2020-12/schema")
                .validate(components.getValue(name)),
            "schema " + name);
      }
    } finally {
      vertx.close();
    }
    Set<String> ids = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        assertThat(ids.add(operation.getString("operationId"))).isTrue();
        boolean open = operation.getJsonArray("security") != null;
        assertThat(open)
            .as("%s %s needs no token exactly when it is sign-in or refresh", method, path)
            .isEqualTo(
                path.endsWith("/sign-in")
                    || path.endsWith("/refresh")
                    || path.equals(StaffApi.OPENAPI_PATH));
        if (!path.equals(StaffApi.OPENAPI_PATH)) {
          assertThat(operation.getJsonObject("responses").containsKey("401")).isTrue();
        }
      }
    }
  }

  @Test
  void everyAnswerMatchesItsDeclaredSchema() {
    server.addStaff("lakeside", "ann", "ann@towns.example", List.of("agent"));
    server.setPassword("lakeside", "ann", StaffAuthApiTest.PASSWORD);
    Http http = server.http;
    JsonObject good =
        StaffAuthApiTest.credentials("lakeside", "ann@towns.example", StaffAuthApiTest.PASSWORD);
    String signIn = "/api/v1/staff/auth/sign-in";
    String refresh = "/api/v1/staff/auth/refresh";
    String signOut = "/api/v1/staff/auth/sign-out";
    String me = "/api/v1/staff/me";

    Http.Response served =
        check("GET", StaffApi.OPENAPI_PATH, http.get(StaffApi.OPENAPI_PATH, null), 200);
    assertThat(served.json()).isEqualTo(doc);

    JsonObject tokens = check("POST", signIn, http.post(signIn, good), 200).json();
    check("POST", signIn, http.post(signIn, good.copy().put("password", "wrong-one-123")), 401);
    check("POST", signIn, http.post(signIn, new JsonObject().put("tenant", "X")), 422);
    check("POST", signIn, http.postRaw(signIn, "{", "application/json", null), 400);
    check("POST", signIn, http.postRaw(signIn, "a", "text/plain", null), 415);
    check("POST", signIn, http.post(signIn, good.copy().put("pad", "x".repeat(70_000))), 413);

    String access = tokens.getString("accessToken");
    check("GET", me, http.get(me, access), 200);
    check("GET", me, http.get(me, null), 401);

    JsonObject next = check("POST", refresh, http.post(refresh, refreshBody(tokens)), 200).json();
    check("POST", refresh, http.post(refresh, refreshBody(tokens)), 401);
    check("POST", refresh, http.post(refresh, new JsonObject()), 422);
    check("POST", refresh, http.postRaw(refresh, "[", "application/json", null), 400);
    check("POST", refresh, http.postRaw(refresh, "a", "text/plain", null), 415);
    check(
        "POST", refresh, http.post(refresh, new JsonObject().put("pad", "x".repeat(70_000))), 413);

    String myPassword = "/api/v1/staff/me/password";
    String fresh = "copper-lantern-17-birch";
    JsonObject change =
        new JsonObject()
            .put("currentPassword", StaffAuthApiTest.PASSWORD)
            .put("newPassword", fresh);
    String changer =
        check("POST", signIn, http.post(signIn, good), 200).json().getString("accessToken");
    check(
        "PUT",
        myPassword,
        http.put(myPassword, change.copy().put("newPassword", "x"), changer),
        422);
    check("PUT", myPassword, http.putRaw(myPassword, "{", "application/json", changer), 400);
    check("PUT", myPassword, http.putRaw(myPassword, "a", "text/plain", changer), 415);
    check(
        "PUT",
        myPassword,
        http.put(myPassword, change.copy().put("pad", "x".repeat(70_000)), changer),
        413);
    check("PUT", myPassword, http.put(myPassword, change, null), 401);
    JsonObject renewed =
        check("PUT", myPassword, http.put(myPassword, change, changer), 200).json();
    JsonObject back =
        new JsonObject()
            .put("currentPassword", fresh)
            .put("newPassword", StaffAuthApiTest.PASSWORD);
    check("PUT", myPassword, http.put(myPassword, back, renewed.getString("accessToken")), 200);
    String guesser =
        check("POST", signIn, http.post(signIn, good), 200).json().getString("accessToken");
    for (int i = 0; i < 5; i++) {
      http.put(myPassword, back.copy().put("currentPassword", "guess-number-" + i), guesser);
    }
    check("PUT", myPassword, http.put(myPassword, back, guesser), 429);
    server.setPassword("lakeside", "ann", StaffAuthApiTest.PASSWORD); // lifts the lockout

    JsonObject again = check("POST", signIn, http.post(signIn, good), 200).json();
    check("POST", signOut, http.post(signOut, null, again.getString("accessToken")), 204);
    check("POST", signOut, http.post(signOut, null, again.getString("accessToken")), 401);
    assertThat(next).isNotNull();

    // texts: Ann is in public-works, not in the clerk's office
    server.addStaff(
        "lakeside", "pw", "pw@towns.example", List.of("agent"), List.of("public-works"));
    server.setPassword("lakeside", "pw", StaffAuthApiTest.PASSWORD);
    String pw =
        http.post(
                signIn,
                StaffAuthApiTest.credentials(
                    "lakeside", "pw@towns.example", StaffAuthApiTest.PASSWORD))
            .json()
            .getString("accessToken");
    String thread = server.texts.inbound("lakeside", "public-works", "+12075550123", "pothole");
    String clerks = server.texts.inbound("lakeside", "clerk", "+12075550124", "marriage license");
    String threads = "/api/v1/staff/texts/threads";
    String messages = threads + "/{threadId}/messages";
    String replies = threads + "/{threadId}/replies";
    check("GET", threads, http.get(threads + "?department=public-works", pw), 200);
    check("GET", threads, http.get(threads, pw), 400);
    check("GET", threads, http.get(threads + "?department=public-works&limit=0", pw), 400);
    check("GET", threads, http.get(threads + "?department=clerk", pw), 403);
    check("GET", threads, http.get(threads + "?department=public-works", null), 401);
    check("GET", messages, http.get(threads + "/" + thread + "/messages", pw), 200);
    check("GET", messages, http.get(threads + "/" + thread + "/messages?limit=x", pw), 400);
    check("GET", messages, http.get(threads + "/" + clerks + "/messages", pw), 403);
    check("GET", messages, http.get(threads + "/nope/messages", pw), 404);
    check("GET", messages, http.get(threads + "/" + thread + "/messages", null), 401);
    String reply = threads + "/" + thread + "/replies";
    JsonObject text = new JsonObject().put("body", "A crew is on its way.");
    check("POST", replies, http.post(reply, text, pw), 202);
    check("POST", replies, http.post(reply, new JsonObject().put("body", ""), pw), 422);
    check("POST", replies, http.post(reply, text.copy().put("x", 1), pw), 422);
    check("POST", replies, http.postRaw(reply, "{", "application/json", pw), 400);
    check("POST", replies, http.postRaw(reply, "a", "text/plain", pw), 415);
    check(
        "POST",
        replies,
        http.post(reply, new JsonObject().put("body", "x".repeat(70_000)), pw),
        413);
    check("POST", replies, http.post(threads + "/" + clerks + "/replies", text, pw), 403);
    check("POST", replies, http.post(threads + "/nope/replies", text, pw), 404);
    check("POST", replies, http.post(reply, text, null), 401);
    server.texts.optOut("lakeside", thread);
    check("POST", replies, http.post(reply, text, pw), 409);

    // push devices
    String devices = "/api/v1/staff/devices";
    String device = devices + "/{deviceId}";
    JsonObject phone =
        new JsonObject()
            .put("platform", "apns")
            .put("token", "0123456789abcdef".repeat(4))
            .put("appVersion", "2.3.1");
    String deviceId =
        check("POST", devices, http.post(devices, phone, pw), 201).json().getString("id");
    check("POST", devices, http.post(devices, phone.copy().put("platform", "x"), pw), 422);
    check("POST", devices, http.postRaw(devices, "{", "application/json", pw), 400);
    check("POST", devices, http.postRaw(devices, "a", "text/plain", pw), 415);
    check(
        "POST",
        devices,
        http.post(devices, phone.copy().put("token", "x".repeat(70_000)), pw),
        413);
    check("POST", devices, http.post(devices, phone, null), 401);
    check("GET", devices, http.get(devices, pw), 200);
    check("GET", devices, http.get(devices, null), 401);
    check("DELETE", device, delete(devices + "/" + deviceId, pw), 204);
    check("DELETE", device, delete(devices + "/" + deviceId, pw), 404);
    check("DELETE", device, delete(devices + "/" + deviceId, null), 401);

    // presence, set from the app
    String presence = "/api/v1/staff/presence";
    check("GET", presence, http.get(presence, pw), 200);
    check("GET", presence, http.get(presence, null), 401);
    JsonObject dnd =
        new JsonObject().put("status", "do-not-disturb").put("until", "2026-03-02T13:00:00Z");
    check("PUT", presence, http.put(presence, dnd, pw), 200);
    check("PUT", presence, http.put(presence, new JsonObject().put("status", "napping"), pw), 422);
    check("PUT", presence, http.put(presence, dnd.copy().put("x", 1), pw), 422);
    check("PUT", presence, http.putRaw(presence, "{", "application/json", pw), 400);
    check("PUT", presence, http.putRaw(presence, "a", "text/plain", pw), 415);
    check(
        "PUT",
        presence,
        http.put(presence, new JsonObject().put("status", "x".repeat(70_000)), pw),
        413);
    check("PUT", presence, http.put(presence, dnd, null), 401);
    assertThat(http.get(presence, pw).json().getString("status")).isEqualTo("do-not-disturb");

    // calls: voice token, click-to-call, ring preference (pw has no mobile number on file)
    String voiceToken = "/api/v1/staff/calls/voice-token";
    check("POST", voiceToken, http.post(voiceToken, null, pw), 200);
    check("POST", voiceToken, http.post(voiceToken, null, null), 401);
    server.calls.voiceConfigured(false);
    check("POST", voiceToken, http.post(voiceToken, null, pw), 503);
    String outbound = "/api/v1/staff/calls/outbound";
    JsonObject call = new JsonObject().put("to", "+12075550199").put("department", "public-works");
    check("POST", outbound, http.post(outbound, call, pw), 202);
    check("POST", outbound, http.post(outbound, call.copy().put("department", "clerk"), pw), 403);
    check("POST", outbound, http.post(outbound, call.copy().put("to", "555-0199"), pw), 422);
    check("POST", outbound, http.post(outbound, call.copy().put("via", "mobile"), pw), 422);
    check("POST", outbound, http.postRaw(outbound, "{", "application/json", pw), 400);
    check("POST", outbound, http.postRaw(outbound, "a", "text/plain", pw), 415);
    check(
        "POST", outbound, http.post(outbound, call.copy().put("pad", "x".repeat(70_000)), pw), 413);
    check("POST", outbound, http.post(outbound, call, null), 401);
    server.calls.refuseNext(
        new io.civicline.mobileapi.calls.OutboundCalls.NotPossible("no number to show"));
    check("POST", outbound, http.post(outbound, call, pw), 409);
    server.calls.refuseNext(
        new io.civicline.mobileapi.calls.OutboundCalls.Unavailable("no voice channel"));
    check("POST", outbound, http.post(outbound, call, pw), 503);
    Http.Response tooMany = check("POST", outbound, http.post(outbound, call, pw), 429);
    assertThat(tooMany.header("Retry-After")).isPresent();
    String ring = "/api/v1/staff/ring-preference";
    check("GET", ring, http.get(ring, pw), 200);
    check("GET", ring, http.get(ring, null), 401);
    JsonObject app = new JsonObject().put("ringOn", "app");
    check("PUT", ring, http.put(ring, app, pw), 200);
    check("PUT", ring, http.put(ring, new JsonObject().put("ringOn", "mobile"), pw), 422);
    check("PUT", ring, http.putRaw(ring, "{", "application/json", pw), 400);
    check("PUT", ring, http.putRaw(ring, "a", "text/plain", pw), 415);
    check("PUT", ring, http.put(ring, app.copy().put("pad", "x".repeat(70_000)), pw), 413);
    check("PUT", ring, http.put(ring, app, null), 401);

    inboxAnswersMatch(http, pw, thread, clerks);

    // call history and colleagues
    String calls = "/api/v1/staff/calls";
    java.time.Instant at = java.time.Instant.parse("2026-03-02T08:00:00Z");
    server.callHistory.add(
        "lakeside", at, List.of("pw"), List.of("public-works"), java.util.Optional.empty());
    server.callHistory.add(
        "lakeside", at, List.of("pw"), List.of("public-works"), java.util.Optional.of("pw"));
    check("GET", calls, http.get(calls, pw), 200);
    check("GET", calls, http.get(calls + "?scope=departments&missed=true&limit=1", pw), 200);
    check("GET", calls, http.get(calls + "?scope=all", pw), 400);
    check("GET", calls, http.get(calls + "?scope=departments&department=clerk", pw), 403);
    check("GET", calls, http.get(calls, null), 401);
    String colleagues = "/api/v1/staff/colleagues/presence";
    check("GET", colleagues, http.get(colleagues, pw), 200);
    check("GET", colleagues, http.get(colleagues, null), 401);

    assertThat(exercised).isEqualTo(documentedOperations());
  }

  /** The inbox, its items, voicemail audio and text attachments; pw is in public-works only. */
  private void inboxAnswersMatch(Http http, String pw, String thread, String clerks) {
    java.time.Instant at = server.clock.instant();
    server.voicemail.add("lakeside", "vm-1", "public-works", "+12075550199", "a leak", at);
    server.voicemail.audio("lakeside", "vm-1", new byte[] {'R', 'I', 'F', 'F'});
    server.voicemail.add("lakeside", "vm-2", "clerk", "+12075550198", "a license", at);
    server.threads.add("lakeside", thread, "public-works", "+12075550123", "pothole", at);
    String inbox = "/api/v1/staff/inbox";
    check("GET", inbox, http.get(inbox + "?department=public-works&status=all&q=leak", pw), 200);
    check("GET", inbox, http.get(inbox + "?department=public-works&cursor=x", pw), 400);
    check("GET", inbox, http.get(inbox + "?department=clerk", pw), 403);
    check("GET", inbox, http.get(inbox + "?department=public-works", null), 401);
    String item = inbox + "/items/{kind}/{itemId}";
    String vm = inbox + "/items/voicemail/vm-1";
    check("GET", item, http.get(vm, pw), 200);
    check("GET", item, http.get(inbox + "/items/voicemail/vm-2", pw), 403);
    check("GET", item, http.get(inbox + "/items/voicemail/vm-9", pw), 404);
    check("GET", item, http.get(vm, null), 401);
    JsonObject mine = new JsonObject().put("assignedTo", "me").put("note", "called back");
    check("PATCH", item, http.patch(vm, mine, "\"1\"", pw), 200);
    check("PATCH", item, http.patch(vm, mine, "\"1\"", pw), 412);
    check("PATCH", item, http.patch(vm, mine, "one", pw), 400);
    check("PATCH", item, http.patch(vm, new JsonObject().put("status", "done"), null, pw), 422);
    check("PATCH", item, http.patch(vm, mine, null, null), 401);
    check("PATCH", item, http.patch(inbox + "/items/voicemail/vm-2", mine, null, pw), 403);
    check("PATCH", item, http.patch(inbox + "/items/text-thread/nope", mine, null, pw), 404);
    check(
        "PATCH",
        item,
        http.patch(vm, new JsonObject().put("note", "x".repeat(70_000)), null, pw),
        413);
    String threadItem = inbox + "/items/text-thread/" + thread;
    check("PATCH", item, patchRaw(threadItem, "a", "text/plain", pw), 415);
    String audio = inbox + "/items/voicemail/{itemId}/audio";
    check("GET", audio, http.get(inbox + "/items/voicemail/vm-1/audio", pw), 200);
    Http.Response part =
        check(
            "GET",
            audio,
            http.getWith(inbox + "/items/voicemail/vm-1/audio", pw, "Range", "bytes=1-2"),
            206);
    assertThat(part.body()).isEqualTo("IF");
    check(
        "GET",
        audio,
        http.getWith(inbox + "/items/voicemail/vm-1/audio", pw, "Range", "bytes=9-"),
        416);
    check("GET", audio, http.get(inbox + "/items/voicemail/vm-2/audio", pw), 403);
    check("GET", audio, http.get(inbox + "/items/voicemail/vm-9/audio", pw), 404);
    check("GET", audio, http.get(inbox + "/items/voicemail/vm-1/audio", null), 401);
    server.texts.attach(
        "lakeside",
        thread,
        "ME1",
        new io.civicline.mobileapi.texts.TextAttachments.Attachment(
            "image/jpeg", new byte[] {1, 2, 3}));
    String media = "/api/v1/staff/texts/threads/{threadId}/media/{mediaId}";
    String threads = "/api/v1/staff/texts/threads/";
    check("GET", media, http.get(threads + thread + "/media/ME1", pw), 200);
    check(
        "GET", media, http.getWith(threads + thread + "/media/ME1", pw, "Range", "bytes=-1"), 206);
    check(
        "GET",
        media,
        http.getWith(threads + thread + "/media/ME1", pw, "Range", "bytes=999-"),
        416);
    check("GET", media, http.get(threads + clerks + "/media/ME1", pw), 403);
    check("GET", media, http.get(threads + thread + "/media/ME2", pw), 404);
    check("GET", media, http.get(threads + thread + "/media/ME1", null), 401);
  }

  private Http.Response patchRaw(String path, String body, String contentType, String token) {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + path))
            .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + token);
    return send(request);
  }

  @Test
  void everyRequestBodyHasAnExampleItsSchemaAcceptsAndNoUnknownFields() {
    JsonObject paths = doc.getJsonObject("paths");
    Set<String> checked = new TreeSet<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject body =
            paths.getJsonObject(path).getJsonObject(method).getJsonObject("requestBody");
        if (body == null) {
          continue;
        }
        String ref =
            body.getJsonObject("content")
                .getJsonObject("application/json")
                .getJsonObject("schema")
                .getString("$ref");
        assertThat(ref).as("%s %s names a component", method, path).isNotNull();
        JsonObject schema =
            doc.getJsonObject("components")
                .getJsonObject("schemas")
                .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        JsonObject example = schema.getJsonObject("example");
        assertThat(example).as("%s has an example", ref).isNotNull();
        assertValid(validator(ref).validate(example), ref + " example");
        assertThat(validator(ref).validate(example.copy().put("unexpected", 1)).getValid())
            .as("%s refuses unknown fields", ref)
            .isFalse();
        checked.add(ref);
      }
    }
    assertThat(checked).hasSize(9);
  }

  @Test
  void requestSchemasAcceptAndRefuseWhatTheServerDoes() {
    Validator signIn = validator("#/components/schemas/SignInRequest");
    assertValid(
        signIn.validate(StaffAuthApiTest.credentials("lakeside", "a@b.example", "pw")), "sign-in");
    assertThat(signIn.validate(new JsonObject().put("tenant", "lakeside")).getValid()).isFalse();
    assertThat(
            signIn
                .validate(StaffAuthApiTest.credentials("lakeside", "a@b.example", "pw").put("x", 1))
                .getValid())
        .isFalse();
    assertThat(
            signIn
                .validate(StaffAuthApiTest.credentials("Lake Side", "a@b.example", "pw"))
                .getValid())
        .isFalse();
    Validator device = validator("#/components/schemas/DeviceRegistration");
    JsonObject phone =
        new JsonObject().put("platform", "fcm").put("token", "abc:DEF-1_2").put("appVersion", "1");
    assertValid(device.validate(phone), "device");
    assertThat(device.validate(phone.copy().put("platform", "x")).getValid()).isFalse();
    assertThat(device.validate(phone.copy().put("token", "a b")).getValid()).isFalse();
    assertThat(device.validate(phone.copy().put("x", 1)).getValid()).isFalse();
    assertThat(device.validate(phone.copy().putNull("appVersion")).getValid()).isFalse();
    Validator refresh = validator("#/components/schemas/RefreshRequest");
    assertValid(refresh.validate(new JsonObject().put("refreshToken", "t")), "refresh");
    assertThat(refresh.validate(new JsonObject()).getValid()).isFalse();
    Validator call = validator("#/components/schemas/ClickToCallRequest");
    JsonObject resident =
        new JsonObject().put("to", "+12075550123").put("department", "public-works");
    assertValid(call.validate(resident), "click-to-call");
    assertThat(call.validate(resident.copy().put("to", "911")).getValid()).isFalse();
    assertThat(call.validate(resident.copy().put("via", "pager")).getValid()).isFalse();
    assertThat(call.validate(resident.copy().put("x", 1)).getValid()).isFalse();
    assertThat(call.validate(new JsonObject().put("to", "+12075550123")).getValid()).isFalse();
    Validator password = validator("#/components/schemas/PasswordChangeRequest");
    JsonObject change =
        new JsonObject()
            .put("currentPassword", "old one")
            .put("newPassword", "copper-lantern-17-birch");
    assertValid(password.validate(change), "password change");
    assertThat(password.validate(new JsonObject().put("newPassword", "x")).getValid()).isFalse();
    assertThat(password.validate(change.copy().put("currentPassword", "")).getValid()).isFalse();
    assertThat(password.validate(change.copy().put("x", 1)).getValid()).isFalse();
    Validator ring = validator("#/components/schemas/RingPreferenceInput");
    assertValid(ring.validate(new JsonObject().put("ringOn", "mobile")), "ring preference");
    assertThat(ring.validate(new JsonObject().put("ringOn", "pager")).getValid()).isFalse();
    assertThat(ring.validate(new JsonObject()).getValid()).isFalse();
  }

  /** DELETE, which the shared test client lacks. */
  private Http.Response delete(String path, String token) {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + path))
            .DELETE();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  private static Http.Response send(java.net.http.HttpRequest.Builder request) {
    try (java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()) {
      java.net.http.HttpResponse<String> response =
          client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Http.Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject refreshBody(JsonObject tokens) {
    return new JsonObject().put("refreshToken", tokens.getString("refreshToken"));
  }

  private Http.Response check(String method, String path, Http.Response response, int status) {
    String what = method + " " + path + " -> " + response;
    assertThat(response.status()).as(what).isEqualTo(status);
    JsonObject operation =
        doc.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase());
    JsonObject declared =
        operation.getJsonObject("responses").getJsonObject(Integer.toString(status));
    assertThat(declared).as("status declared: %s", what).isNotNull();
    exercised.add(method + " " + path);
    JsonObject content = declared.getJsonObject("content");
    if (content == null) {
      assertThat(response.body()).as(what).isEmpty();
    } else {
      String type = response.header("Content-Type").orElse("").split(";")[0].strip();
      assertThat(content.fieldNames().contains(type) || content.containsKey("*/*"))
          .as("content type: %s", what)
          .isTrue();
      // A named component directly (pointers into paths with {templates} do not resolve).
      String declaredType = content.containsKey(type) ? type : "*/*";
      JsonObject declaredSchema = content.getJsonObject(declaredType).getJsonObject("schema");
      String schemaRef =
          declaredSchema.containsKey("$ref")
              ? declaredSchema.getString("$ref")
              : "#/paths/"
                  + path.replace("~", "~0").replace("/", "~1")
                  + "/"
                  + method.toLowerCase()
                  + "/responses/"
                  + status
                  + "/content/"
                  + type.replace("/", "~1")
                  + "/schema";
      if (type.endsWith("json")) {
        assertValid(validator(schemaRef).validate(Json.decodeValue(response.body())), what);
      }
    }
    JsonObject headers = declared.getJsonObject("headers", new JsonObject());
    for (String name : headers.fieldNames()) {
      if (name.equals("Cache-Control")) {
        assertThat(response.header(name)).as("header %s: %s", name, what).contains("no-store");
      } else {
        assertThat(response.header(name)).as("header %s: %s", name, what).isPresent();
      }
    }
    return response;
  }

  private Set<String> documentedOperations() {
    Set<String> documented = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (HTTP_METHODS.contains(method)) {
          documented.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return documented;
  }

  private Validator validator(String ref) {
    return schemas.validator(JsonSchema.of(new JsonObject().put("$ref", BASE + ref)), options());
  }

  private static JsonSchemaOptions options() {
    return new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri("app://civicline/")
        .setOutputFormat(OutputFormat.Basic);
  }

  private static void assertValid(OutputUnit result, String what) {
    assertThat(result.getValid()).as("%s: %s", what, result.toJson().encodePrettily()).isTrue();
  }

  private static JsonObject resource(String name) throws IOException {
    try (InputStream in = StaffOpenApiContractTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
