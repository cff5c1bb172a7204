package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.Greetings;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Voicemails;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against the implementation: the same routes, a valid document, every answer
 * matching the schema declared for its status, and request schemas that accept and refuse what the
 * server does.
 */
@ExtendWith(RedisExtension.class)
class OpenApiContractTest {
  private static final String BASE = "app://civicline/openapi.json";
  private static final String L = "/api/v1/tenants/lakeside";
  private static final String TL = "/api/v1/tenants/{tenant}";
  private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  @TempDir Path dir;
  private RunningServer server;
  private RedisServer redis;
  private Api admin;
  private JsonObject doc;
  private SchemaRepository schemas;
  private final Set<String> exercised = new TreeSet<>();
  private final Set<Integer> statuses = new TreeSet<>();

  @BeforeEach
  void start(RedisServer redis) {
    redis.flushAll();
    this.redis = redis;
    server = RunningServer.start(redis, dir, true);
    admin = server.platformAdmin();
    Api.Response served = new Api(server.port(), null).get("/api/v1/openapi.json");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.contentType()).startsWith("application/json");
    doc = served.json();
    schemas = SchemaRepository.create(options()).dereference(BASE, JsonSchema.of(doc.copy()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonSchemaOptions options() {
    return new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri("app://civicline/")
        .setOutputFormat(OutputFormat.Basic);
  }

  // 1. The document's operations are exactly the router's.

  @Test
  void documentsExactlyTheRoutesTheServerServes() {
    Set<String> served = new TreeSet<>();
    for (Route route : server.server().router().getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || route.methods().isEmpty()) {
        continue; // handlers for every route (access log, body, auth), not endpoints
      }
      String template = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      // The staff API has its own document and contract test (mobile-api).
      if (template.startsWith("/api/v1/staff/")) {
        continue;
      }
      if (template.startsWith("/api/v1/")
          || template.startsWith("/health/")
          || template.equals("/metrics")) {
        route.methods().forEach(method -> served.add(method.name() + " " + template));
      }
    }
    assertThat(served).hasSizeGreaterThan(40);
    assertThat(documentedOperations()).isEqualTo(served);
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

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  // 2. The served document is valid OpenAPI 3.1.

  @Test
  void documentIsValidOpenApi31() throws IOException {
    JsonObject structure = resource("/openapi/openapi-3.1-structure.schema.json");
    assertValid(
        SchemaRepository.create(options())
            .dereference("app://civicline/structure.json", JsonSchema.of(structure))
            .validator("app://civicline/structure.json")
            .validate(doc),
        "document structure");
    assertThat(doc.getString("openapi")).isEqualTo("3.1.0");

    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("local ref").startsWith("#/");
      assertThat(pointer(ref)).as("%s resolves", ref).isNotNull();
    }

    Vertx vertx = Vertx.vertx();
    try {
      SchemaRepository meta =
          SchemaRepository.create(options()).preloadMetaSchema(vertx.fileSystem());
      JsonObject components = doc.getJsonObject("components").getJsonObject("schemas");
      for (String name : components.fieldNames()) {
        Object schema = components.getValue(name);
        assertValid(
            meta.validator("https://json-schema.org/draft/2020-12/schema").validate(schema),
            "schema " + name + " against the JSON Schema 2020-12 meta-schema");
        // and each compiles with its references resolved, and refuses what is plainly wrong
        OutputUnit wrong =
            validatorFor(new JsonObject().put("$ref", "#/components/schemas/" + name))
                .validate(new JsonArray().add(Map.of("no", "such field")));
        assertThat(wrong.getValid()).as("schema %s refuses an array", name).isFalse();
      }
    } finally {
      vertx.close();
    }

    Set<String> operationIds = new HashSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      Set<String> templateParams = new TreeSet<>();
      Matcher m = TEMPLATE_PARAM.matcher(path);
      while (m.find()) {
        templateParams.add(m.group(1));
      }
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject operation = item.getJsonObject(method);
        String id = operation.getString("operationId");
        assertThat(id).as("%s %s operationId", method, path).isNotBlank();
        assertThat(operationIds.add(id)).as("unique operationId %s", id).isTrue();
        assertThat(operation.getJsonArray("tags")).as("%s tags", id).isNotEmpty();
        Set<String> pathParams = new TreeSet<>();
        for (Object p : operation.getJsonArray("parameters", new JsonArray())) {
          JsonObject parameter = resolve((JsonObject) p);
          if ("path".equals(parameter.getString("in"))) {
            pathParams.add(parameter.getString("name"));
          }
        }
        assertThat(pathParams).as("%s path parameters", id).isEqualTo(templateParams);
        boolean open = operation.getJsonArray("security") != null;
        assertThat(open)
            .as("%s is open exactly when it needs no token", id)
            .isEqualTo(!path.startsWith("/api/v1/") || path.equals("/api/v1/openapi.json"));
        if (!open) {
          assertThat(operation.getJsonObject("responses").containsKey("401")).as(id).isTrue();
        }
      }
    }
    assertThat(doc.getJsonArray("security"))
        .containsExactly(new JsonObject().put("bearerAuth", new JsonArray()));

    // The time-zone pattern must admit every zone the server accepts.
    Pattern zone =
        Pattern.compile(
            doc.getJsonObject("components")
                .getJsonObject("schemas")
                .getJsonObject("TimeZone")
                .getString("pattern"));
    assertThat(ZoneId.getAvailableZoneIds()).allMatch(id -> zone.matcher(id).find());
  }

  // 3. Every answer matches the schema the document declares for it.

  @Test
  void answersMatchTheDeclaredSchemas() {
    Api anonymous = new Api(server.port(), null);
    Api lakesideAdmin = server.tenantAdmin("lakeside");
    Api bogus = new Api(server.port(), "cl_not-a-real-token");

    check("GET", "/api/v1/openapi.json", anonymous.get("/api/v1/openapi.json"));
    check("GET", "/health/live", anonymous.get("/health/live"));
    check("GET", "/health/ready", anonymous.get("/health/ready"));
    check("GET", "/metrics", anonymous.get("/metrics"));

    // tenants
    String ts = "/api/v1/tenants";
    check("GET", ts, admin.get(ts));
    check("GET", ts, lakesideAdmin.get(ts));
    check("GET", ts, admin.get(ts + "?limit=1"));
    check("GET", ts, admin.get(ts + "?limit=0"), 400);
    check("GET", ts, admin.get(ts + "?cursor=%2F"), 400);
    check("GET", ts, anonymous.get(ts), 401);
    check("GET", ts, bogus.get(ts), 401);
    JsonObject riverton = example("TenantCreate");
    check("POST", ts, admin.post(ts, riverton), 201);
    check("POST", ts, admin.post(ts, riverton), 409);
    check("POST", ts, lakesideAdmin.post(ts, riverton.copy().put("id", "elmwood")), 403);
    check("POST", ts, admin.post(ts, new JsonObject().put("id", "api")), 422);
    check("POST", ts, admin.postRaw(ts, "{\"id\":", "application/json"), 400);
    check("POST", ts, admin.postRaw(ts, "id=x", "application/x-www-form-urlencoded"), 415);
    check(
        "POST",
        ts,
        admin.postRaw(ts, "{\"name\":\"" + "x".repeat(70_000) + "\"}", "application/json"),
        413);
    String r = ts + "/riverton";
    Api.Response river = check("GET", TL, admin.get(r));
    assertThat(
            validatorFor(new JsonObject().put("$ref", "#/components/schemas/Tenant"))
                .validate(river.json().put("nickname", "x"))
                .getValid())
        .as("response schemas refuse fields the server does not send")
        .isFalse();
    check("GET", TL, admin.get(ts + "/nowhere"), 404);
    check("GET", TL, lakesideAdmin.get(r), 404);
    JsonObject renamed = river.json().put("name", "Riverton Village");
    check("PUT", TL, admin.put(r, renamed, null), 428);
    check("PUT", TL, admin.put(r, renamed, "\"99\""), 412);
    check("PUT", TL, admin.put(r, renamed, "v1"), 400);
    check(
        "PUT",
        TL,
        admin.put(r, renamed.copy().put("languages", new JsonArray()), river.etag()),
        422);
    check("PUT", TL, admin.put(r, renamed, river.etag()));
    check("DELETE", TL, admin.delete(L), 409);
    check("DELETE", TL, lakesideAdmin.delete(L), 403);
    check("DELETE", TL, admin.delete(r, "\"1\""), 412);

    // each tenant collection, and the platform's calendars
    collection(L + "/departments", TL + "/departments", "DepartmentInput", lakesideAdmin);
    collection(L + "/staff", TL + "/staff", "StaffMemberInput", lakesideAdmin);
    collection(L + "/numbers", TL + "/numbers", "PhoneNumberInput", lakesideAdmin);
    collection(
        L + "/holiday-calendars", TL + "/holiday-calendars", "HolidayCalendarInput", lakesideAdmin);
    collection(
        "/api/v1/holiday-calendars", "/api/v1/holiday-calendars", "HolidayCalendarInput", admin);
    String shared = "/api/v1/holiday-calendars";
    check("GET", shared + "/{id}", lakesideAdmin.get(shared + "/us-federal"));
    check("POST", shared, lakesideAdmin.post(shared, example("HolidayCalendarInput")), 403);
    check("DELETE", shared + "/{id}", lakesideAdmin.delete(shared + "/us-federal"), 403);
    check("DELETE", shared + "/{id}", admin.delete(shared + "/us-federal"), 409);
    check("DELETE", TL + "/departments/{id}", admin.delete(L + "/departments/clerk"), 409);
    check(
        "POST",
        TL + "/staff",
        admin.post(L + "/staff", example("StaffMemberInput").put("extension", "101")),
        409);
    check(
        "POST",
        TL + "/numbers",
        admin.post(L + "/numbers", example("PhoneNumberInput").put("departmentId", "nope")),
        422);

    // holidays
    check("GET", TL + "/holidays", admin.get(L + "/holidays?year=2027"));
    check("GET", TL + "/holidays", admin.get(L + "/holidays"));
    check("GET", TL + "/holidays", admin.get(r + "/holidays"));
    check("GET", TL + "/holidays", admin.get(L + "/holidays?year=1800"), 400);
    check("GET", TL + "/holidays/{date}", admin.get(L + "/holidays/2027-12-24"));
    check("GET", TL + "/holidays/{date}", admin.get(L + "/holidays/2027-12-22"));
    check("GET", TL + "/holidays/{date}", admin.get(r + "/holidays/2027-12-24"));
    check("GET", TL + "/holidays/{date}", admin.get(L + "/holidays/2027-13-01"), 400);
    String dept = TL + "/departments/{id}/holidays";
    check("GET", dept, lakesideAdmin.get(L + "/departments/public-works/holidays?year=2027"));
    check("GET", dept, admin.get(L + "/departments/nope/holidays"), 404);
    check("GET", dept, admin.get(L + "/departments/clerk/holidays?year=x"), 400);
    check("GET", dept + "/{date}", admin.get(L + "/departments/public-works/holidays/2027-04-24"));
    check("GET", dept + "/{date}", admin.get(L + "/departments/clerk/holidays/2027-07-05"));
    check("GET", dept + "/{date}", admin.get(L + "/departments/nope/holidays/2027-07-05"), 404);

    // closures
    collection(L + "/closures", TL + "/closures", "ClosureInput", lakesideAdmin);

    // presence
    String pr = L + "/presence";
    String tpr = TL + "/presence/{staffId}";
    JsonObject busy = new JsonObject().put("status", "busy");
    check("GET", TL + "/presence", lakesideAdmin.get(pr));
    check("GET", TL + "/presence", admin.get(pr + "?limit=0"), 400);
    check("GET", tpr, admin.get(pr + "/maria-gonzalez"));
    check("GET", tpr, admin.get(pr + "/linh-nguyen"));
    check("GET", tpr, admin.get(pr + "/nobody"), 404);
    check("PUT", tpr, admin.put(pr + "/linh-nguyen", busy, null));
    check("PUT", tpr, admin.put(pr + "/nobody", busy, null), 422);
    check(
        "PUT", tpr, admin.put(pr + "/linh-nguyen", new JsonObject().put("status", "x"), null), 422);
    check("PUT", tpr, admin.putRaw(pr + "/linh-nguyen", "{", null), 400);

    // staff access to the staff app
    String sp = TL + "/staff/{staffId}/password";
    String sr = TL + "/staff/{staffId}/sessions/revoke";
    JsonObject strong = new JsonObject().put("password", "river-bank-7-ferry");
    check("PUT", sp, admin.put(L + "/staff/linh-nguyen/password", strong, null), 204);
    check(
        "PUT",
        sp,
        admin.put(L + "/staff/linh-nguyen/password", new JsonObject().put("password", "x"), null),
        422);
    check("PUT", sp, admin.put(L + "/staff/nobody/password", strong, null), 404);
    check("PUT", sp, admin.putRaw(L + "/staff/linh-nguyen/password", "{", null), 400);
    check("POST", sr, admin.post(L + "/staff/linh-nguyen/sessions/revoke", new JsonObject()));
    check("POST", sr, admin.post(L + "/staff/nobody/sessions/revoke", new JsonObject()), 404);
    check("DELETE", sp, admin.delete(L + "/staff/linh-nguyen/password"), 204);
    check("DELETE", sp, admin.delete(L + "/staff/nobody/password"), 404);

    // texting rules
    String tsr = TL + "/sms-rules";
    JsonObject rules =
        new JsonObject()
            .put("defaultDepartment", "clerk")
            .put(
                "keywords",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("department", "public-works")
                            .put(
                                "words",
                                new JsonObject().put("en", new JsonArray().add("pothole")))));
    check("GET", tsr, admin.get(L + "/sms-rules"), 404);
    check("PUT", tsr, admin.put(L + "/sms-rules", rules, null));
    check("GET", tsr, admin.get(L + "/sms-rules"));
    check(
        "PUT",
        tsr,
        admin.put(L + "/sms-rules", rules.copy().put("defaultDepartment", "nowhere"), null),
        422);
    check("PUT", tsr, admin.putRaw(L + "/sms-rules", "{", null), 400);

    // flows
    String fl = L + "/flows";
    String tf = TL + "/flows";
    String tf1 = tf + "/{id}";
    JsonObject flow = example("FlowCreate");
    check("GET", tf, admin.get(fl));
    check("GET", tf, admin.get(fl + "?cursor=%2F"), 400);
    check("POST", tf, admin.post(fl, flow), 201);
    check("POST", tf, admin.post(fl, flow), 409);
    check("POST", tf, admin.post(fl, new JsonObject().put("id", "no-document")), 422);
    String yaml =
        "name: YAML line\nstart: bye\nnodes:\n  bye:\n    kind: hangup\n"
            + "    prompt:\n      en: Goodbye.\n      es: Adiós.\n";
    check("POST", tf, admin.postRaw(fl + "?id=yaml-flow", yaml, "application/yaml"), 201);
    check("POST", tf, admin.postRaw(fl, yaml, "application/yaml"), 400);
    check("POST", tf, admin.postRaw(fl, "id=x", "application/x-www-form-urlencoded"), 415);
    String f1 = fl + "/contract-flow";
    Api.Response readFlow = check("GET", tf1, lakesideAdmin.get(f1));
    check("GET", tf1, admin.get(fl + "/nope"), 404);
    JsonObject edit = new JsonObject().put("document", flow.getJsonObject("document"));
    check("PUT", tf1, admin.put(f1, edit, null), 428);
    check("PUT", tf1, admin.put(f1, edit, "\"9\""), 412);
    check(
        "PUT",
        tf1,
        admin.put(f1, new JsonObject().put("document", new JsonObject()), readFlow.etag()),
        422);
    check("PUT", tf1, admin.put(f1, edit, readFlow.etag()));
    check("GET", tf1 + "/versions", admin.get(f1 + "/versions?limit=1"));
    check("GET", tf1 + "/versions", admin.get(f1 + "/versions?cursor=x"), 400);
    check("GET", tf1 + "/versions/{n}", admin.get(f1 + "/versions/2"));
    check("GET", tf1 + "/versions/{n}", admin.get(f1 + "/versions/9"), 404);
    check("GET", tf1 + "/versions/{n}/graph", admin.get(fl + "/lakeside-main/versions/1/graph"));
    check("GET", tf1 + "/versions/{n}/graph", admin.get(f1 + "/versions/0/graph"), 404);
    String publish = tf1 + "/versions/{n}/publish";
    check("POST", publish, admin.post(f1 + "/versions/1/publish", new JsonObject()));
    check("POST", publish, admin.post(f1 + "/versions/7/publish", new JsonObject()), 404);
    JsonObject entersDraft =
        new JsonObject()
            .put("id", "enters-draft")
            .put(
                "document",
                new JsonObject()
                    .put("name", "Enters a draft")
                    .put("start", "go")
                    .put(
                        "nodes",
                        new JsonObject()
                            .put(
                                "go",
                                new JsonObject().put("kind", "subflow").put("flow", "yaml-flow"))));
    check("POST", tf, admin.post(fl, entersDraft), 201);
    check(
        "POST",
        publish,
        admin.post(fl + "/enters-draft/versions/1/publish", new JsonObject()),
        422);
    String sim = tf1 + "/simulate";
    check("POST", sim, admin.post(fl + "/lakeside-main/simulate", example("SimulationRequest")));
    check(
        "POST",
        sim,
        admin.post(
            fl + "/lakeside-main/simulate",
            new JsonObject().put("inputs", new JsonArray().add("press two"))),
        422);
    check("POST", sim, admin.postRaw(fl + "/lakeside-main/simulate", "{", "application/json"), 400);
    check("POST", sim, admin.post(fl + "/nope/simulate", new JsonObject()), 404);
    check("POST", sim, admin.post(fl + "/enters-draft/simulate", new JsonObject()), 409);
    check("DELETE", tf1, admin.delete(fl + "/lakeside-public-works"), 409);
    check("DELETE", tf1, admin.delete(f1, "\"1\""), 412);
    check("DELETE", tf1, admin.delete(f1), 204);
    check("DELETE", tf1, admin.delete(f1), 404);

    // call records
    Cdrs.put(
        server,
        "lakeside",
        Cdrs.record(
            "CA0001",
            "+12075550123",
            "+12695550100",
            java.time.Instant.parse("2026-11-02T14:00:00Z"),
            "voicemail"));
    String calls = L + "/calls";
    check("GET", TL + "/calls", lakesideAdmin.get(calls));
    check(
        "GET",
        TL + "/calls",
        admin.get(calls + "?outcome=voicemail&from=%2B12075550123&since=2026-11-01T00:00:00Z"));
    check("GET", TL + "/calls", admin.get(calls + "?outcome=lost"), 400);
    check("GET", TL + "/calls", admin.get(calls + "?until=yesterday"), 400);
    check("GET", TL + "/calls/{callId}", admin.get(calls + "/CA0001"));
    check("GET", TL + "/calls/{callId}", admin.get(calls + "/CA9999"), 404);

    // callback queues (this server has no voice channel, so placing one is a conflict)
    String callbacks = L + "/queues/treasurer/callbacks";
    check("GET", TL + "/queues/{queue}/callbacks", lakesideAdmin.get(callbacks));
    check(
        "GET",
        TL + "/queues/{queue}/callbacks",
        admin.get("/api/v1/tenants/atlantis/queues/treasurer/callbacks"),
        404);
    check(
        "POST",
        TL + "/queues/{queue}/callbacks/next",
        admin.post(callbacks + "/next", new JsonObject()),
        409);

    voicemail(lakesideAdmin);

    // audit
    check("GET", TL + "/audit", lakesideAdmin.get(L + "/audit?limit=3"));
    check("GET", TL + "/audit", admin.get(L + "/audit?limit=500"), 400);
    check("GET", TL + "/audit", admin.get(L + "/audit?cursor=abc"), 400);
    check("GET", "/api/v1/audit", admin.get("/api/v1/audit"));
    check("GET", "/api/v1/audit", lakesideAdmin.get("/api/v1/audit"), 403);

    // tokens
    String tokens = "/api/v1/tokens";
    check("GET", tokens, admin.get(tokens));
    check("GET", tokens, lakesideAdmin.get(tokens), 403);
    Api.Response issued = check("POST", tokens, admin.post(tokens, example("TokenCreate")), 201);
    check(
        "POST",
        tokens,
        admin.post(tokens, new JsonObject().put("name", "x").put("role", "tenant-admin")),
        422);
    String token = tokens + "/" + issued.json().getString("id");
    check("GET", tokens + "/{id}", admin.get(token));
    check("DELETE", tokens + "/{id}", admin.delete(token), 204);
    check("GET", tokens + "/{id}", admin.get(token), 404);
    check("DELETE", tokens + "/{id}", admin.delete(token), 404);

    check("DELETE", TL, admin.delete(r, "\"2\""), 204);

    assertThat(exercised).as("every operation was exercised").isEqualTo(documentedOperations());
    assertThat(statuses).contains(400, 401, 403, 404, 409, 412, 413, 415, 422, 428);
  }

  /** Mailbox settings and PINs, and staff access to messages, their audio and their handling. */
  private void voicemail(Api lakesideAdmin) {
    String mb = L + "/mailboxes";
    String tmb = TL + "/mailboxes";
    String tmb1 = tmb + "/{id}";
    JsonObject mailbox = example("MailboxInput");
    check("GET", tmb, lakesideAdmin.get(mb));
    check("GET", tmb, admin.get(mb + "?limit=0"), 400);
    check("POST", tmb, admin.post(mb, mailbox), 201);
    check("POST", tmb, admin.post(mb, mailbox), 409);
    check("POST", tmb, admin.post(mb, mailbox.copy().put("id", "department-nowhere")), 422);
    check("POST", tmb, admin.post(mb, mailbox.copy().put("id", "clerk")), 422);
    check("POST", tmb, admin.postRaw(mb, "{", "application/json"), 400);
    String box = mb + "/department-treasurer";
    Api.Response read = check("GET", tmb1, lakesideAdmin.get(box));
    check("GET", tmb1, admin.get(mb + "/department-clerk"), 404);
    check("PUT", tmb1, admin.put(box, read.json(), null), 428);
    check("PUT", tmb1, admin.put(box, read.json(), "\"9\""), 412);
    check("PUT", tmb1, admin.put(box, read.json().put("maxMessageSeconds", 5), read.etag()), 422);
    Api.Response held =
        check("PUT", tmb1, admin.put(box, read.json().put("legalHold", true), read.etag()));
    check("DELETE", tmb1, admin.delete(box), 409);
    String pin = tmb1 + "/pin";
    check("PUT", pin, admin.put(box + "/pin", new JsonObject().put("pin", "123456"), null), 422);
    check("PUT", pin, admin.put(mb + "/department-clerk/pin", example("PinInput"), null), 404);
    check("PUT", pin, admin.put(box + "/pin", example("PinInput"), "\"1\""), 412);
    check("PUT", pin, admin.putRaw(box + "/pin", "{", null), 400);
    Api.Response pinned =
        check("PUT", pin, admin.put(box + "/pin", example("PinInput"), held.etag()));
    assertThat(pinned.json().getBoolean("pinSet")).isTrue();
    Api.Response released =
        check("PUT", tmb1, admin.put(box, pinned.json().put("legalHold", false), pinned.etag()));
    check("DELETE", tmb1, admin.delete(box, "\"1\""), 412);
    check("DELETE", tmb1, admin.delete(box, released.etag()), 204);
    check("DELETE", tmb1, admin.delete(box), 404);

    // greeting recordings
    check("POST", tmb, admin.post(mb, mailbox.copy().put("id", "department-clerk")), 201);
    String greeting = mb + "/department-clerk/greetings/en";
    String tg = tmb1 + "/greetings/{language}";
    byte[] small = Greetings.small();
    check("PUT", tg, admin.putBytes(greeting, small, "text/plain", null), 415);
    check(
        "PUT", tg, admin.putBytes(greeting, Greetings.wav(8000, 1, 2, 0), "audio/wav", null), 422);
    check(
        "PUT",
        tg,
        admin.putBytes(mb + "/department-clerk/greetings/fr", small, "audio/wav", null),
        422);
    check("PUT", tg, admin.putBytes(box + "/greetings/en", small, "audio/wav", null), 404);
    check("PUT", tg, admin.putBytes(greeting, small, "audio/wav", "\"9\""), 412);
    check("PUT", tg, admin.putBytes(greeting, small, "audio/wav", "v1"), 400);
    check(
        "PUT",
        tg,
        admin.putBytes(greeting, new byte[10 * 1024 * 1024 + 1], "audio/wav", null),
        413);
    check("GET", tg, admin.getWith(greeting), 404);
    Api.Response uploaded =
        check("PUT", tg, lakesideAdmin.putBytes(greeting, small, "audio/wav", null));
    assertThat(uploaded.json().getJsonObject("greetings").getJsonObject("en").containsKey("audio"))
        .isTrue();
    check("GET", tmb1, admin.get(mb + "/department-clerk"));
    check("GET", tg, lakesideAdmin.getWith(greeting));
    check("GET", tg, admin.getWith(greeting, "Range", "bytes=0-99"), 206);
    check("GET", tg, admin.getWith(greeting, "Range", "bytes=999999-"), 416);
    check("DELETE", tg, admin.delete(greeting, "\"1\""), 412);
    check("DELETE", tg, lakesideAdmin.delete(greeting));
    check("DELETE", tg, admin.delete(greeting), 404);

    String first;
    String second;
    String damaged;
    try (Voicemails voicemails = Voicemails.open(redis, dir)) {
      java.time.Instant at = java.time.Instant.parse("2026-11-02T14:00:00Z");
      first = voicemails.leave("lakeside", "department:clerk", "test:contract-1", 3, at);
      second = voicemails.leave("lakeside", "department:clerk", "test:contract-2", 2, at);
      damaged = voicemails.leave("lakeside", "department:clerk", "test:contract-3", 2, at);
      try {
        java.nio.file.Files.write(
            voicemails.file("lakeside", damaged),
            Voicemails.wav(1),
            java.nio.file.StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    String msgs = mb + "/department-clerk/messages";
    String tm = tmb1 + "/messages";
    String tm1 = tm + "/{messageId}";
    String nothing = msgs + "/vm-000000000000000000000000";
    check("GET", tmb + "/waiting", lakesideAdmin.get(mb + "/waiting"));
    check("GET", tmb + "/waiting", admin.get("/api/v1/tenants/atlantis/mailboxes/waiting"), 404);
    check("GET", tm, lakesideAdmin.get(msgs));
    check("GET", tm, admin.get(msgs + "?status=new&limit=1"));
    check("GET", tm, admin.get(msgs + "?assignedTo=linh-nguyen&cursor=1893456000000"));
    check("GET", tm, admin.get(msgs + "?status=old"), 400);
    check("GET", tm, admin.get(mb + "/department-nowhere/messages"), 404);
    String m1 = msgs + "/" + first;
    check("GET", tm1, admin.get(m1));
    check("GET", tm1, admin.get(nothing), 404);
    String audio = tm1 + "/audio";
    check("GET", audio, lakesideAdmin.getWith(m1 + "/audio"));
    check("GET", audio, admin.getWith(m1 + "/audio", "Range", "bytes=0-99"), 206);
    check("GET", audio, admin.getWith(m1 + "/audio", "Range", "bytes=999999-"), 416);
    check("GET", audio, admin.getWith(nothing + "/audio"), 404);
    String export = tmb1 + "/export";
    check("GET", export, lakesideAdmin.getWith(mb + "/staff-linh-nguyen/export"));
    check("GET", export, admin.getWith(mb + "/staff-linh-nguyen/export?from=yesterday"), 400);
    check("GET", export, admin.getWith(mb + "/department-nowhere/export"), 404);
    check("GET", audio, admin.getWith(msgs + "/" + damaged + "/audio"), 500);
    check("POST", tm1 + "/heard", admin.call("POST", m1 + "/heard", null, "\"9\""), 412);
    check("POST", tm1 + "/heard", admin.call("POST", m1 + "/heard", null, "v1"), 400);
    check("POST", tm1 + "/heard", admin.post(nothing + "/heard", new JsonObject()), 404);
    Api.Response heard =
        check("POST", tm1 + "/heard", admin.call("POST", m1 + "/heard", null, "\"1\""));
    JsonObject nobody = new JsonObject().put("staffId", "nobody");
    check("POST", tm1 + "/assign", admin.post(m1 + "/assign", nobody), 422);
    check("POST", tm1 + "/assign", admin.postRaw(m1 + "/assign", "x", "text/plain"), 415);
    check("POST", tm1 + "/assign", admin.post(m1 + "/assign", example("AssignInput")));
    check("POST", tm1 + "/handled", admin.post(m1 + "/handled", nobody), 422);
    check("POST", tm1 + "/handled", admin.call("POST", m1 + "/handled", null, heard.etag()), 412);
    check("POST", tm1 + "/handled", admin.post(m1 + "/handled", example("HandledInput")));
    check("POST", tm1 + "/hold", admin.post(m1 + "/hold", new JsonObject()));
    check("DELETE", tm1 + "/hold", admin.delete(m1 + "/hold"));
    check("DELETE", tm1 + "/hold", admin.delete(nothing + "/hold"), 404);
    String m2 = msgs + "/" + second;
    JsonObject nowhere = new JsonObject().put("mailbox", "department:nowhere");
    check("POST", tm1 + "/forward", admin.post(m2 + "/forward", nowhere), 422);
    check("POST", tm1 + "/forward", admin.post(m2 + "/forward", example("ForwardInput")));
    check("POST", tm1 + "/forward", admin.post(m2 + "/forward", example("ForwardInput")), 404);
  }

  /** List, create, read, replace and delete in one collection, with their usual refusals. */
  private void collection(String path, String template, String requestSchema, Api other) {
    String one = template + "/{id}";
    check("GET", template, admin.get(path));
    check("GET", template, other.get(path + "?limit=2"));
    check("GET", template, admin.get(path + "?limit=abc"), 400);
    JsonObject body =
        example(requestSchema).put("id", "contract-" + Math.floorMod(path.hashCode(), 1000));
    if (requestSchema.equals("HolidayCalendarInput")
        && path.startsWith("/api/v1/holiday-calendars")) {
      body.put("id", "contract-shared");
    }
    if (requestSchema.equals("PhoneNumberInput")) {
      body.put("number", "+12695550177");
    }
    if (requestSchema.equals("StaffMemberInput")) {
      body.put("extension", "677");
    }
    Api.Response created = check("POST", template, admin.post(path, body), 201);
    assertThat(created.header("Location")).contains(path + "/" + body.getString("id"));
    check("POST", template, admin.post(path, body), 409);
    check("POST", template, admin.post(path, new JsonObject()), 422);
    check("POST", template, new Api(server.port(), null).post(path, body), 401);
    String self = path + "/" + body.getString("id");
    Api.Response read = check("GET", one, other.get(self));
    check("GET", one, admin.get(path + "/missing"), 404);
    check("GET", one, admin.get(path + "/NOT_AN_ID"), 404);
    check("PUT", one, admin.put(self, read.json(), null), 428);
    check("PUT", one, admin.put(self, read.json(), "\"7\""), 412);
    check("PUT", one, admin.put(self, read.json().put("name", " "), read.etag()), 422);
    check("PUT", one, admin.put(path + "/missing", body.copy().put("id", "missing"), "\"1\""), 404);
    Api.Response replaced = check("PUT", one, admin.put(self, read.json(), read.etag()));
    check("DELETE", one, admin.delete(self, read.etag()), 412);
    check("DELETE", one, admin.delete(self, replaced.etag()), 204);
    check("DELETE", one, admin.delete(self), 404);
  }

  private Api.Response check(String method, String template, Api.Response response) {
    return check(method, template, response, 200);
  }

  /**
   * Asserts the status, that the operation declares it, and that the body and headers match what it
   * declares for that status and content type.
   */
  private Api.Response check(String method, String template, Api.Response response, int status) {
    String what = method + " " + template + " -> " + response;
    assertThat(response.status()).as(what).isEqualTo(status);
    JsonObject operation =
        doc.getJsonObject("paths")
            .getJsonObject(template, new JsonObject())
            .getJsonObject(method.toLowerCase());
    assertThat(operation).as("documented: %s", what).isNotNull();
    exercised.add(method + " " + template);
    statuses.add(status);
    JsonObject declared =
        operation.getJsonObject("responses").getJsonObject(String.valueOf(status));
    assertThat(declared).as("status declared: %s", what).isNotNull();
    declared = resolve(declared);
    JsonObject content = declared.getJsonObject("content");
    if (content == null) {
      assertThat(response.body()).as("no body: %s", what).isEmpty();
    } else {
      String mediaType = response.contentType().split(";")[0].strip();
      assertThat(content.fieldNames()).as("content type: %s", what).contains(mediaType);
      if (mediaType.endsWith("json")) {
        JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
        assertValid(validatorFor(schema).validate(response.jsonValue()), what);
      }
    }
    JsonObject headers = declared.getJsonObject("headers", new JsonObject());
    for (String name : headers.fieldNames()) {
      String value = response.header(name).orElse(null);
      assertThat(value).as("header %s: %s", name, what).isNotNull();
      JsonObject schema = resolve(headers.getJsonObject(name)).getJsonObject("schema");
      assertValid(validatorFor(schema).validate(value), "header " + name + ": " + what);
    }
    return response;
  }

  // 4. Request schemas accept their examples and refuse unknown fields, as the server does.

  @Test
  void requestExamplesAreAcceptedAndUnknownFieldsRefused() {
    Map<String, String[]> bySchema = new LinkedHashMap<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        JsonObject body =
            paths.getJsonObject(path).getJsonObject(method).getJsonObject("requestBody");
        if (body == null) {
          continue;
        }
        JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
        if (json == null) {
          continue; // an upload of audio, exercised in answersMatchTheDeclaredSchemas
        }
        String ref = json.getJsonObject("schema").getString("$ref");
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        if (method.equals("post") || !bySchema.containsKey(name)) {
          bySchema.put(name, new String[] {method, path});
        }
      }
    }
    assertThat(bySchema.keySet())
        .containsExactlyInAnyOrder(
            "TenantCreate",
            "TenantInput",
            "DepartmentInput",
            "StaffMemberInput",
            "PhoneNumberInput",
            "HolidayCalendarInput",
            "TokenCreate",
            "ClosureInput",
            "PresenceInput",
            "FlowCreate",
            "FlowInput",
            "SimulationRequest",
            "MailboxInput",
            "PinInput",
            "AssignInput",
            "HandledInput",
            "ForwardInput",
            "StaffPasswordInput",
            "SmsRules");
    assertThat(
            admin
                .post(
                    L + "/mailboxes",
                    example("MailboxInput").put("id", "department-clerk").put("name", "Clerk"))
                .status())
        .isEqualTo(201);
    Voicemails voicemails = Voicemails.open(redis, dir);
    int[] left = {0};
    bySchema.forEach(
        (name, operation) -> {
          JsonObject example = example(name);
          JsonObject ref = new JsonObject().put("$ref", "#/components/schemas/" + name);
          assertValid(validatorFor(ref).validate(example), name + " example against its schema");
          JsonObject unknown = example.copy().put("nickname", "x");
          assertThat(validatorFor(ref).validate(unknown).getValid())
              .as("%s schema refuses unknown fields", name)
              .isFalse();

          String method = operation[0].toUpperCase();
          JsonObject declared =
              paths.getJsonObject(operation[1]).getJsonObject(operation[0].toLowerCase());
          String path =
              operation[1].replace("{tenant}", "lakeside").replace("{staffId}", "maria-gonzalez");
          if (path.contains("/mailboxes/{id}")) {
            path = path.replace("{id}", "department-clerk");
            if (path.contains("{messageId}")) {
              String id =
                  voicemails.leave(
                      "lakeside",
                      "department:clerk",
                      "test:example-" + ++left[0],
                      2,
                      java.time.Instant.now());
              path = path.replace("{messageId}", id);
            }
          }
          path = path.replace("{id}", example.getString("id", "lakeside-main"));
          String ifMatch = null;
          boolean needsIfMatch =
              declared
                  .getJsonArray("parameters", new JsonArray())
                  .contains(
                      new JsonObject().put("$ref", "#/components/parameters/IfMatchRequired"));
          if (needsIfMatch) {
            ifMatch = admin.get(path).etag();
          }
          JsonObject responses = declared.getJsonObject("responses");
          int success =
              responses.containsKey("201") ? 201 : responses.containsKey("204") ? 204 : 200;
          Api.Response refused = admin.call(method, path, unknown, ifMatch);
          assertThat(refused.status())
              .as("%s %s with an unknown field", name, refused)
              .isEqualTo(422);
          assertThat(refused.json().getJsonArray("errors"))
              .contains(
                  new JsonObject().put("pointer", "#/nickname").put("detail", "unknown field"));

          Api.Response accepted = admin.call(method, path, example, ifMatch);
          assertThat(accepted.status()).as("%s example: %s", name, accepted).isEqualTo(success);
        });
    voicemails.close();
  }

  // helpers

  private JsonObject example(String schema) {
    JsonObject example =
        doc.getJsonObject("components")
            .getJsonObject("schemas")
            .getJsonObject(schema)
            .getJsonObject("example");
    assertThat(example).as("%s has an example", schema).isNotNull();
    return example.copy();
  }

  private io.vertx.json.schema.Validator validatorFor(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref != null && ref.startsWith("#/")) {
      return schemas.validator(JsonSchema.of(new JsonObject().put("$ref", BASE + ref)), options());
    }
    return schemas.validator(JsonSchema.of(schema.copy()), options());
  }

  private static void assertValid(OutputUnit result, String what) {
    assertThat(result.getValid()).as("%s: %s", what, result.toJson().encodePrettily()).isTrue();
  }

  /** A component the object refers to with {@code $ref}, or the object itself. */
  private JsonObject resolve(JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    return ref == null ? maybeRef : (JsonObject) pointer(ref);
  }

  private Object pointer(String ref) {
    Object at = doc;
    for (String token : ref.substring(2).split("/")) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (!(at instanceof JsonObject object) || !object.containsKey(key)) {
        return null;
      }
      at = object.getValue(key);
    }
    return at;
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof JsonObject object) {
      object.forEach(
          field -> {
            if (field.getKey().equals("$ref") && field.getValue() instanceof String ref) {
              refs.add(ref);
            } else {
              collectRefs(field.getValue(), refs);
            }
          });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }

  private static JsonObject resource(String name) throws IOException {
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
