package io.civicline.ops.staff;

import static io.civicline.ops.http.Reply.endpoint;

import io.civicline.core.directory.Department;
import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Ref;
import io.civicline.core.validation.FieldErrors;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.http.JsonBodies;
import io.civicline.ops.http.Reply;
import io.civicline.routing.sms.SmsRules;
import io.civicline.routing.sms.SmsRulesReader;
import io.civicline.signaling.context.CallContextLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code /sms-rules}: which department answers a resident's text (keywords per language, else a
 * default), the HELP text and whether closed departments auto-reply. Checked against the town
 * (departments that exist, languages it offers); the departments named cannot be deleted while the
 * rules use them.
 */
public final class SmsRulesRoutes {
  private final DocumentStore store;
  private final CallContextLoader contexts;
  private final TenantAccess access;
  private final Clock clock;

  public SmsRulesRoutes(
      DocumentStore store, CallContextLoader contexts, TenantAccess access, Clock clock) {
    this.store = store;
    this.contexts = contexts;
    this.access = access;
    this.clock = clock;
  }

  public void mount(Router router) {
    String path = DirectoryRoutes.TENANT_BASE + "/sms-rules";
    router
        .get(path)
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(scope -> store.get(scope.id(), SmsRules.COLLECTION, SmsRules.ID))
                        .map(
                            stored ->
                                Reply.ok(
                                    stored
                                        .orElseThrow(
                                            () ->
                                                Problem.notFound(
                                                    "no texting rules: texts go to the department"
                                                        + " of the number texted"))
                                        .body()))));
    router
        .put(path)
        .handler(
            endpoint(
                ctx ->
                    access
                        .scope(ctx)
                        .compose(
                            scope ->
                                save(
                                    scope.id(),
                                    JsonBodies.object(ctx),
                                    BearerAuth.principal(ctx).actor()))
                        .map(Reply::ok)));
  }

  private Future<JsonObject> save(
      String tenant, JsonObject body, io.civicline.core.store.Actor actor) {
    return contexts
        .load(tenant, clock.instant(), Optional.empty())
        .compose(
            context -> {
              SmsRules.Directory town =
                  context
                      .map(c -> new SmsRules.Directory(c.departments().keySet(), c.languages()))
                      .orElse(SmsRules.Directory.NONE);
              FieldErrors errors = new FieldErrors();
              SmsRules rules = SmsRulesReader.read(body.copy(), town, errors);
              if (!errors.isEmpty()) {
                throw Problem.invalid(errors.list());
              }
              DocumentStore.Write write =
                  new DocumentStore.Write(
                      tenant,
                      SmsRules.COLLECTION,
                      SmsRules.ID,
                      body,
                      refs(rules),
                      List.of(),
                      actor);
              return store
                  .get(tenant, SmsRules.COLLECTION, SmsRules.ID)
                  .compose(
                      existing ->
                          existing.isPresent()
                              ? store.replace(write, existing.get().version())
                              : store.create(write));
            })
        .map(stored -> stored.body());
  }

  /** The departments the rules send texts to, so they cannot be deleted under them. */
  private static List<Ref> refs(SmsRules rules) {
    List<Ref> refs = new ArrayList<>();
    refs.add(new Ref(Department.COLLECTION, rules.defaultDepartment(), "#/defaultDepartment"));
    HashSet<String> seen = new HashSet<>(List.of(rules.defaultDepartment()));
    for (int i = 0; i < rules.keywords().size(); i++) {
      String department = rules.keywords().get(i).department();
      if (seen.add(department)) {
        refs.add(new Ref(Department.COLLECTION, department, "#/keywords/" + i + "/department"));
      }
    }
    return refs;
  }
}
