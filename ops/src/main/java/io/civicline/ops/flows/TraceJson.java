package io.civicline.ops.flows;

import io.civicline.routing.engine.Action;
import io.civicline.routing.engine.CallState;
import io.civicline.routing.engine.DialTarget;
import io.civicline.routing.engine.Simulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated call as the console shows it: per step, the nodes visited, what the caller hears, who
 * would ring, what the caller (or staff) did, and every action; then how the call ended.
 */
final class TraceJson {
  private TraceJson() {}

  static JsonObject of(Simulator.Trace trace) {
    JsonArray steps = new JsonArray();
    for (Simulator.Entry entry : trace.entries()) {
      JsonObject step =
          new JsonObject()
              .put("nodes", new JsonArray(new ArrayList<>(entry.nodes())))
              .put("answer", entry.answeredWith().orElse(null));
      JsonArray hears = new JsonArray();
      JsonArray rings = new JsonArray();
      JsonArray actions = new JsonArray();
      for (Action action : entry.actions()) {
        collect(action, hears, rings);
        actions.add(action(action));
      }
      steps.add(step.put("hears", hears).put("rings", rings).put("actions", actions));
    }
    CallState state = trace.state();
    JsonObject json =
        new JsonObject()
            .put("steps", steps)
            .put("ended", state.ended())
            .put("outcome", trace.outcome().wire())
            .put("language", state.language())
            .put("path", new JsonArray(new ArrayList<>(state.path())))
            .put("flowId", state.flowId())
            .put("flowVersion", state.flowVersion());
    state.answeredBy().ifPresent(by -> json.put("answeredBy", by));
    return json;
  }

  private static void collect(Action action, JsonArray hears, JsonArray rings) {
    switch (action) {
      case Action.Say say -> hears.add(said(say));
      case Action.Gather gather -> gather.prompts().forEach(p -> collect(p, hears, rings));
      case Action.Dial dial -> dial.targets().forEach(t -> rings.add(target(t)));
      default -> {}
    }
  }

  private static JsonObject said(Action.Say say) {
    return new JsonObject().put("text", say.text()).put("language", say.language());
  }

  private static JsonObject target(DialTarget target) {
    String device =
        target.kind() == DialTarget.Kind.CLIENT
            ? "app"
            : target.staffId() == null ? "number" : "mobile";
    return new JsonObject()
        .put("staffId", target.staffId())
        .put("device", device)
        .put("address", target.address());
  }

  static JsonObject action(Action action) {
    return switch (action) {
      case Action.Say say -> said(say).put("type", "say");
      case Action.Play play -> new JsonObject().put("type", "play").put("url", play.url());
      case Action.PlayGreeting greeting ->
          new JsonObject()
              .put("type", "play-greeting")
              .put("mailbox", greeting.mailbox())
              .put("language", greeting.language());
      case Action.Gather gather -> {
        List<Object> prompts = new ArrayList<>();
        gather.prompts().forEach(p -> prompts.add(action(p)));
        yield new JsonObject()
            .put("type", "gather")
            .put("prompts", new JsonArray(prompts))
            .put("maxDigits", gather.maxDigits())
            .put("timeoutSeconds", gather.timeoutSeconds())
            .put("language", gather.language());
      }
      case Action.Dial dial -> {
        JsonArray targets = new JsonArray();
        dial.targets().forEach(t -> targets.add(target(t)));
        yield new JsonObject()
            .put("type", "dial")
            .put("targets", targets)
            .put("timeoutSeconds", dial.timeoutSeconds());
      }
      case Action.Enqueue enqueue ->
          new JsonObject().put("type", "enqueue").put("queue", enqueue.queue());
      case Action.LeaveQueue leave -> new JsonObject().put("type", "leave-queue");
      case Action.Record record ->
          new JsonObject()
              .put("type", "record")
              .put("mailbox", record.mailbox())
              .put("maxSeconds", record.maxSeconds());
      case Action.SendSms sms ->
          new JsonObject().put("type", "sms").put("to", sms.to()).put("text", sms.text());
      case Action.RequestCallback callback ->
          new JsonObject()
              .put("type", "callback")
              .put("queue", callback.queue())
              .put("number", callback.number())
              .put("language", callback.language());
      case Action.OpenMailbox open ->
          // Never the PIN.
          new JsonObject().put("type", "open-mailbox").put("mailbox", open.mailbox());
      case Action.UpdateMessage update ->
          new JsonObject()
              .put("type", "update-message")
              .put("mailbox", update.mailbox())
              .put("messageId", update.messageId())
              .put("change", update.change().name().toLowerCase(java.util.Locale.ROOT));
      case Action.Hangup hangup -> new JsonObject().put("type", "hangup");
    };
  }
}
