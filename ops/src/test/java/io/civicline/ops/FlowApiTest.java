package io.civicline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.ops.support.Api;
import io.civicline.ops.support.RunningServer;
import io.civicline.ops.support.Towns;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Flows through the API on the seeded demo town: validation, versions, publishing, deletion. */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowApiTest {
  private static final String T = "/api/v1/tenants/lakeside";
  private static final String F = T + "/flows";
  private RunningServer server;
  private Api admin;

  @BeforeAll
  void start(RedisServer redis, @TempDir Path dir) {
    redis.flushAll();
    server = RunningServer.start(redis, dir, true);
    admin = server.tenantAdmin("lakeside");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  static JsonObject say(String en, String es, String next) {
    return new JsonObject()
        .put("kind", "say")
        .put("prompt", new JsonObject().put("en", en).put("es", es))
        .put("next", next);
  }

  static JsonObject bye() {
    return new JsonObject()
        .put("kind", "hangup")
        .put("prompt", new JsonObject().put("en", "Bye.").put("es", "Adiós."));
  }

  static JsonObject document(String name, JsonObject nodes, String start) {
    return new JsonObject().put("name", name).put("start", start).put("nodes", nodes);
  }

  static JsonObject simple(String greeting) {
    return document(
        "Simple",
        new JsonObject().put("hello", say(greeting, "Hola.", "bye")).put("bye", bye()),
        "hello");
  }

  private static List<JsonObject> errors(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    return response.json().getJsonArray("errors").stream().map(JsonObject.class::cast).toList();
  }

  private static JsonObject error(String pointer, String detail) {
    return new JsonObject().put("pointer", pointer).put("detail", detail);
  }

  @Test
  void everyKindOfFlowErrorIsReportedAtOnceWithItsPointer() {
    JsonObject menu =
        new JsonObject()
            .put("kind", "menu")
            .put("prompt", new JsonObject().put("en", "Press 1 or 3."))
            .put(
                "options",
                new JsonObject()
                    .put("1", "ring")
                    .put("3", new JsonObject().put("next", "main-menux")));
    JsonObject ring =
        new JsonObject().put("kind", "ring").put("department", "nope").put("noAnswer", "bye");
    JsonObject nodes =
        new JsonObject()
            .put("main-menu", menu)
            .put("ring", ring)
            .put("away", new JsonObject().put("kind", "subflow").put("flow", "no-such-flow"))
            .put("orphan", bye())
            .put("bye", bye());
    JsonObject body =
        new JsonObject()
            .put("id", "broken")
            .put("document", document("Broken", nodes, "main-menu"));

    List<JsonObject> errors = errors(admin.post(F, body));

    assertThat(errors)
        .contains(
            error(
                "#/document/nodes/main-menu/options/3/next",
                "unknown node 'main-menux'; did you mean 'main-menu'?"),
            error("#/document/nodes/ring/department", "unknown department 'nope'"),
            error(
                "#/document/nodes/main-menu/prompt", "has no 'es' text; the town offers [en, es]"),
            error("#/document/nodes/away/flow", "unknown flow 'no-such-flow'"),
            error("#/document/nodes/orphan", "is never reached from the start node 'main-menu'"));
    assertThat(admin.get(F + "/broken").status()).isEqualTo(404);
  }

  /** The document must read before its graph is checked; reading reports every field. */
  @Test
  void structuralErrorsComeFirstAllAtOnce() {
    JsonObject nodes =
        new JsonObject()
            .put("weird", new JsonObject().put("kind", "teleport"))
            .put("hello", new JsonObject().put("kind", "say").put("next", "bye"))
            .put("bye", bye());
    JsonObject body =
        new JsonObject().put("id", "unreadable").put("document", document("U", nodes, "hello"));
    assertThat(errors(admin.post(F, body)))
        .extracting(e -> e.getString("pointer"))
        .containsExactlyInAnyOrder("#/document/nodes/weird/kind", "#/document/nodes/hello/prompt");
  }

  @Test
  void bodyAndYamlProblemsHaveTheirOwnPointers() {
    assertThat(errors(admin.post(F, new JsonObject().put("document", simple("Hi")))))
        .contains(error("#/id", "is required"));
    assertThat(errors(admin.post(F, new JsonObject().put("id", "x").put("extra", 1))))
        .contains(error("#/document", "is required"), error("#/extra", "unknown field"));

    Api.Response syntax = admin.postRaw(F + "?id=bad-yaml", "name: [unclosed\n", "text/yaml");
    assertThat(errors(syntax)).extracting(e -> e.getString("pointer")).containsExactly("#");

    String yaml =
        "name: Y\nstart: hello\nnodes:\n  hello:\n    kind: say\n    next: nowhere\n"
            + "    prompt:\n      en: Hi\n      es: Hola\n";
    assertThat(errors(admin.postRaw(F + "?id=yaml-bad", yaml, "application/yaml")))
        .contains(error("#/nodes/hello/next", "unknown node 'nowhere'"));
    assertThat(admin.postRaw(F, yaml, "application/yaml").status()).isEqualTo(400);
  }

  @Test
  void aFlowMayEnterItselfAsASubflow() {
    JsonObject nodes =
        new JsonObject()
            .put(
                "menu",
                new JsonObject()
                    .put("kind", "menu")
                    .put("prompt", new JsonObject().put("en", "Again?").put("es", "¿Otra vez?"))
                    .put("options", new JsonObject().put("1", "again")))
            .put("again", new JsonObject().put("kind", "subflow").put("flow", "self-loop"));
    Api.Response created =
        admin.post(
            F,
            new JsonObject().put("id", "self-loop").put("document", document("S", nodes, "menu")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  @Test
  void createEditPublishAndRollBack() {
    Api.Response created =
        admin.post(F, new JsonObject().put("id", "hotline").put("document", simple("Hello v1.")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).contains(F + "/hotline");
    assertThat(created.json().getInteger("latestVersion")).isEqualTo(1);
    assertThat(created.json().getValue("publishedVersion")).isNull();
    assertThat(
            admin
                .post(F, new JsonObject().put("id", "hotline").put("document", simple("x")))
                .status())
        .isEqualTo(409);

    JsonObject v2 = new JsonObject().put("document", simple("Hello v2."));
    assertThat(admin.put(F + "/hotline", v2, null).status()).isEqualTo(428);
    assertThat(admin.put(F + "/hotline", v2, "\"9\"").status()).isEqualTo(412);
    Api.Response edited = admin.put(F + "/hotline", v2, created.etag());
    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    assertThat(edited.json().getInteger("latestVersion")).isEqualTo(2);
    assertThat(admin.get(F + "/hotline").json().getJsonObject("document"))
        .isEqualTo(simple("Hello v2."));

    // versions are immutable: version 1 still reads as it was saved
    assertThat(admin.get(F + "/hotline/versions/1").json().getJsonObject("document"))
        .isEqualTo(simple("Hello v1."));
    JsonArray versions = admin.get(F + "/hotline/versions").items();
    assertThat(versions).hasSize(2);

    Api.Response published = admin.post(F + "/hotline/versions/2/publish", new JsonObject());
    assertThat(published.status()).as(published.toString()).isEqualTo(200);
    assertThat(published.json().getInteger("publishedVersion")).isEqualTo(2);
    assertThat(simulatedGreeting("hotline")).isEqualTo("Hello v2.");

    Api.Response rolledBack = admin.post(F + "/hotline/versions/1/publish", new JsonObject());
    assertThat(rolledBack.json().getInteger("publishedVersion")).isEqualTo(1);
    assertThat(simulatedGreeting("hotline")).isEqualTo("Hello v1.");
    assertThat(admin.get(F + "/hotline/versions/1").json().getBoolean("published")).isTrue();
    assertThat(admin.post(F + "/hotline/versions/3/publish", new JsonObject()).status())
        .isEqualTo(404);

    JsonArray audit = admin.get(T + "/audit?limit=200").items();
    assertThat(audit)
        .extracting(e -> ((JsonObject) e).getString("resource"))
        .contains("flows/hotline", "flow-versions/hotline@0001", "flow-versions/hotline@0002");
  }

  private String simulatedGreeting(String flow) {
    Api.Response trace = admin.post(F + "/" + flow + "/simulate", new JsonObject());
    assertThat(trace.status()).as(trace.toString()).isEqualTo(200);
    return trace
        .json()
        .getJsonArray("steps")
        .getJsonObject(0)
        .getJsonArray("hears")
        .getJsonObject(0)
        .getString("text");
  }

  @Test
  void theGraphListsNodesAndLabelledEdges() {
    JsonObject graph = admin.get(F + "/lakeside-main/versions/1/graph").json();
    assertThat(graph.getJsonArray("nodes"))
        .contains(
            new JsonObject()
                .put("id", "public-works")
                .put("kind", "subflow")
                .put("label", "Public Works line")
                .put("flow", "lakeside-public-works"));
    assertThat(graph.getJsonArray("edges"))
        .contains(
            new JsonObject()
                .put("from", "main-menu")
                .put("to", "treasurer-queue")
                .put("label", "2"),
            new JsonObject()
                .put("from", "office-hours")
                .put("to", "holiday-message")
                .put("label", "holiday"));
  }

  @Test
  void numbersMustNameAnExistingFlowAndPinIt() {
    Api.Response unknown =
        admin.post(T + "/numbers", Towns.number("hotline-x", "+12695550160").put("flowId", "nope"));
    assertThat(errors(unknown))
        .contains(error("#/flowId", "refers to an object that does not exist"));

    admin.post(F, new JsonObject().put("id", "pinned").put("document", simple("Pinned.")));
    Api.Response number =
        admin.post(
            T + "/numbers", Towns.number("pinned-line", "+12695550161").put("flowId", "pinned"));
    assertThat(number.status()).as(number.toString()).isEqualTo(201);

    Api.Response refused = admin.delete(F + "/pinned");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().getString("detail")).contains("numbers/pinned-line");
    assertThat(admin.get(F + "/pinned").status()).isEqualTo(200);

    assertThat(admin.delete(T + "/numbers/pinned-line").status()).isEqualTo(204);
    assertThat(admin.delete(F + "/pinned").status()).isEqualTo(204);
    assertThat(admin.get(F + "/pinned").status()).isEqualTo(404);
    assertThat(admin.get(F + "/pinned/versions/1").status()).isEqualTo(404);
  }

  @Test
  void aFlowEnteredAsASubflowCannotBeDeleted() {
    Api.Response refused = admin.delete(F + "/lakeside-public-works");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(admin.get(F + "/lakeside-public-works").status()).isEqualTo(200);
  }

  /** A department a published flow rings, with the flow's ring node and its way out. */
  private static JsonObject ringing(String department) {
    JsonObject ring =
        new JsonObject().put("kind", "ring").put("department", department).put("noAnswer", "bye");
    return document(
        "Ring " + department, new JsonObject().put("ring", ring).put("bye", bye()), "ring");
  }

  @Test
  void whatAPublishedFlowNamesCannotBeDeletedUntilAnotherVersionIsPublished() {
    JsonObject department = new JsonObject().put("id", "cemetery").put("name", "Cemetery");
    Api.Response created = admin.post(T + "/departments", department);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Response flow =
        admin.post(
            F, new JsonObject().put("id", "cemetery-line").put("document", ringing("cemetery")));
    assertThat(flow.status()).as(flow.toString()).isEqualTo(201);

    Api.Response published = admin.post(F + "/cemetery-line/versions/1/publish", new JsonObject());
    assertThat(published.status()).as(published.toString()).isEqualTo(200);

    Api.Response refused = admin.delete(T + "/departments/cemetery");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("detail")).contains("flows/cemetery-line");

    // saving a new draft keeps the published version's hold
    Api.Response draft =
        admin.put(
            F + "/cemetery-line",
            new JsonObject().put("document", simple("The cemetery office moved.")),
            published.etag());
    assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
    assertThat(admin.delete(T + "/departments/cemetery").status()).isEqualTo(409);

    // once a version that no longer rings it is published, it may be deleted
    assertThat(admin.post(F + "/cemetery-line/versions/2/publish", new JsonObject()).status())
        .isEqualTo(200);
    assertThat(admin.delete(T + "/departments/cemetery").status()).isEqualTo(204);
    // and rolling back to the version that rang it is refused with its pointer
    Api.Response rollback = admin.post(F + "/cemetery-line/versions/1/publish", new JsonObject());
    assertThat(errors(rollback))
        .contains(error("#/nodes/ring/department", "unknown department 'cemetery'"));
  }
}
