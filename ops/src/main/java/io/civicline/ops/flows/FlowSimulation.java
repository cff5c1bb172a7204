package io.civicline.ops.flows;

import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.http.Problem;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.Formats;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.core.validation.ObjectReader;
import io.civicline.ops.directory.Scope;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.Simulator;
import io.civicline.routing.flow.Flow;
import io.civicline.signaling.context.CallContextLoader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "What happens on Christmas morning if someone presses 2?": plays a call through a flow with the
 * real engine against the town as it is (hours, holidays, closures, staff), with presence
 * overridden for named staff and the flow pinned to one version.
 */
public final class FlowSimulation {
  static final int MAX_INPUTS = 100;
  private static final String DEFAULT_FROM = "+12025550100";

  private final FlowService flows;
  private final CallContextLoader loader;
  private final DocumentStore store;
  private final Clock clock;

  public FlowSimulation(
      FlowService flows, CallContextLoader loader, DocumentStore store, Clock clock) {
    this.flows = flows;
    this.loader = loader;
    this.store = store;
    this.clock = clock;
  }

  /** The request, read and checked for what needs no store. */
  record Request(
      Instant at,
      String from,
      Optional<String> to,
      List<Simulator.Input> inputs,
      Map<String, CallContext.Presence> presence,
      Optional<Integer> version) {}

  Request read(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    ObjectReader in = ObjectReader.root(body, errors);
    String at = in.string("at", false, 40, FlowSimulation::instantProblem);
    String from = in.string("from", false, 16, Formats::e164);
    String to = in.string("to", false, 16, Formats::e164);
    List<Simulator.Input> inputs = inputs(in);
    Integer version = in.integer("version", false, 1, Integer.MAX_VALUE);
    Map<String, CallContext.Presence> presence = new LinkedHashMap<>();
    ObjectReader statuses = in.object("presence", false);
    if (statuses != null) {
      for (String staffId : statuses.fieldNames()) {
        String status =
            statuses.string(
                staffId,
                true,
                16,
                t ->
                    io.civicline.core.directory.PresenceStatus.WIRE.contains(t)
                        ? null
                        : "must be available, busy, away, do-not-disturb or offline");
        if (status != null) {
          presence.put(
              staffId,
              CallContext.Presence.valueOf(status.toUpperCase(Locale.ROOT).replace('-', '_')));
        }
      }
    }
    in.rejectUnknownFields();
    errors.throwIfAny();
    return new Request(
        at == null ? clock.instant() : Instant.parse(at),
        from == null ? DEFAULT_FROM : from,
        Optional.ofNullable(to),
        inputs,
        presence,
        Optional.ofNullable(version));
  }

  /** What the caller and staff do, in order; the same input may come twice ("2", "2"). */
  private static List<Simulator.Input> inputs(ObjectReader in) {
    List<Simulator.Input> inputs = new ArrayList<>();
    if (!in.has("inputs")) {
      return inputs;
    }
    if (!(in.json().getValue("inputs") instanceof JsonArray texts)) {
      in.errors().add("#/inputs", "must be an array of inputs such as \"2\" or \"no-answer\"");
      return inputs;
    }
    if (texts.size() > MAX_INPUTS) {
      in.errors().add("#/inputs", "must have at most " + MAX_INPUTS + " items");
      return inputs;
    }
    for (int i = 0; i < texts.size(); i++) {
      if (!(texts.getValue(i) instanceof String text)) {
        in.errors().add("#/inputs/" + i, "must be a string");
        continue;
      }
      try {
        inputs.addAll(Simulator.parseAll(List.of(text)));
      } catch (InvalidInputException e) {
        in.errors().add("#/inputs/" + i, e.errors().get(0).detail());
      }
    }
    return inputs;
  }

  public Future<JsonObject> run(Scope scope, String flowId, JsonObject body) {
    Request request = read(body);
    return flows
        .get(scope, flowId)
        .compose(flow -> pick(scope, flowId, flow, request.version()))
        .compose(
            version ->
                loader
                    .load(
                        scope.id(),
                        request.at(),
                        Optional.of(new CallContextLoader.Pinned(flowId, version)))
                    .compose(
                        context ->
                            calledNumber(scope, flowId, request.to())
                                .map(
                                    to -> {
                                      CallContext loaded =
                                          context.orElseThrow(() -> Problem.notFound("no tenant"));
                                      CallContext pinned =
                                          adjusted(loaded, request, flowId, version);
                                      return simulate(pinned, flowId, request, to);
                                    })));
  }

  /** The requested version, else the published one, else the latest. */
  private Future<Integer> pick(Scope scope, String flowId, Stored flow, Optional<Integer> asked) {
    if (asked.isEmpty()) {
      Integer published = flow.body().getInteger("publishedVersion");
      return Future.succeededFuture(
          published != null ? published : flow.body().getInteger("latestVersion"));
    }
    int version = asked.get();
    return flows
        .version(scope, flowId, version)
        .map(v -> version)
        .recover(
            failure ->
                failure instanceof Problem p && p.status() == 404
                    ? Future.failedFuture(
                        Problem.invalid(
                            "#/version", "flow '" + flowId + "' has no version " + version))
                    : Future.failedFuture(failure));
  }

  /** The number the caller dialled: as given, else one that the flow answers. */
  private Future<String> calledNumber(Scope scope, String flowId, Optional<String> to) {
    if (to.isPresent()) {
      return Future.succeededFuture(to.get());
    }
    return TenantIds.all(store, scope.id(), PhoneNumber.COLLECTION)
        .map(
            numbers ->
                numbers.stream()
                    .filter(n -> flowId.equals(n.body().getString("flowId")))
                    .map(n -> n.body().getString("number"))
                    .findFirst()
                    .orElse(""));
  }

  /** The loaded town with presence overridden and {@code flowId} pinned to {@code version}. */
  private static CallContext adjusted(
      CallContext context, Request request, String flowId, int version) {
    FieldErrors errors = new FieldErrors();
    Map<String, CallContext.StaffView> staff = new LinkedHashMap<>(context.staff());
    request
        .presence()
        .forEach(
            (id, presence) -> {
              CallContext.StaffView view = staff.get(id);
              if (view == null) {
                errors.add("#/presence/" + id, "no staff member '" + id + "'");
                return;
              }
              staff.put(
                  id,
                  new CallContext.StaffView(
                      view.id(),
                      view.name(),
                      view.departments(),
                      view.app(),
                      view.mobile(),
                      presence,
                      view.presence() == presence ? view.idleSince() : request.at()));
            });
    errors.throwIfAny();
    return new CallContext(
        context.tenant(),
        context.townName(),
        context.timeZone(),
        context.defaultLanguage(),
        context.languages(),
        context.departments(),
        context.closures(),
        staff,
        new PinnedCatalog(context.flows(), flowId, version));
  }

  private static JsonObject simulate(
      CallContext context, String flowId, Request request, String to) {
    Simulator.Trace trace;
    try {
      trace = Simulator.run(context, flowId, request.from(), to, request.at(), request.inputs());
    } catch (IllegalStateException e) {
      // e.g. a subflow that is not published: the engine cannot go on
      throw Problem.conflict("flow-not-runnable", "cannot simulate: " + e.getMessage(), List.of());
    }
    return TraceJson.of(trace)
        .put("at", request.at().toString())
        .put("from", request.from())
        .put("to", to);
  }

  private static String instantProblem(String text) {
    try {
      Instant.parse(text);
      return null;
    } catch (DateTimeParseException e) {
      return "must be an ISO-8601 instant such as 2026-12-25T15:00:00Z";
    }
  }

  /** The town's flows, with {@code flowId} answering as if {@code version} were published. */
  private record PinnedCatalog(CallContext.FlowCatalog base, String flowId, int version)
      implements CallContext.FlowCatalog {
    @Override
    public Optional<Flow> version(String id, int v) {
      return base.version(id, v);
    }

    @Override
    public Optional<CallContext.PublishedFlow> published(String id) {
      if (!id.equals(flowId)) {
        return base.published(id);
      }
      return base.version(flowId, version).map(f -> new CallContext.PublishedFlow(version, f));
    }
  }
}
