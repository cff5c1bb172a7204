package io.civicline.routing.flow;

import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.flow.nodes.ConditionNode;
import io.civicline.routing.flow.nodes.ForwardNode;
import io.civicline.routing.flow.nodes.HangupNode;
import io.civicline.routing.flow.nodes.LanguageNode;
import io.civicline.routing.flow.nodes.MenuNode;
import io.civicline.routing.flow.nodes.PlayNode;
import io.civicline.routing.flow.nodes.QueueNode;
import io.civicline.routing.flow.nodes.RingNode;
import io.civicline.routing.flow.nodes.SayNode;
import io.civicline.routing.flow.nodes.ScheduleNode;
import io.civicline.routing.flow.nodes.SmsNode;
import io.civicline.routing.flow.nodes.SubflowNode;
import io.civicline.routing.flow.nodes.VoicemailAccessNode;
import io.civicline.routing.flow.nodes.VoicemailNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The node kinds of the flow language, by the name documents use. */
public final class NodeKinds {
  private static final Map<String, BiFunction<String, ObjectReader, Node>> READERS =
      new LinkedHashMap<>();

  static {
    READERS.put(SayNode.KIND, SayNode::read);
    READERS.put(PlayNode.KIND, PlayNode::read);
    READERS.put(MenuNode.KIND, MenuNode::read);
    READERS.put(LanguageNode.KIND, LanguageNode::read);
    READERS.put(ScheduleNode.KIND, ScheduleNode::read);
    READERS.put(RingNode.KIND, RingNode::read);
    READERS.put(QueueNode.KIND, QueueNode::read);
    READERS.put(VoicemailNode.KIND, VoicemailNode::read);
    READERS.put(VoicemailAccessNode.KIND, VoicemailAccessNode::read);
    READERS.put(ForwardNode.KIND, ForwardNode::read);
    READERS.put(ConditionNode.KIND, ConditionNode::read);
    READERS.put(SmsNode.KIND, SmsNode::read);
    READERS.put(HangupNode.KIND, HangupNode::read);
    READERS.put(SubflowNode.KIND, SubflowNode::read);
  }

  private NodeKinds() {}

  public static java.util.Set<String> names() {
    return READERS.keySet();
  }

  static BiFunction<String, ObjectReader, Node> reader(String kind) {
    return READERS.get(kind);
  }
}
