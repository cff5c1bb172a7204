package io.civicline.routing.flow;

/**
 * A node's reference to something outside the flow: a department, a staff member, another flow.
 *
 * @param field the field of the node, relative, e.g. {@code department} or {@code group/2}
 */
public record ExternalRef(String field, Target target, String id) {
  public enum Target {
    DEPARTMENT("department"),
    STAFF("staff member"),
    FLOW("flow");

    private final String noun;

    Target(String noun) {
      this.noun = noun;
    }

    public String noun() {
      return noun;
    }
  }
}
