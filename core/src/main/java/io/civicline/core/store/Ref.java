package io.civicline.core.store;

/**
 * A reference from one document to another of the same tenant, e.g. a staff member's department.
 *
 * @param field the JSON Pointer of the referring field, used in errors
 */
public record Ref(String collection, String id, String field) {
  String label() {
    return collection + "/" + id;
  }

  /** A reference as {@link Stored#refs()} lists it ({@code collection/id}), again. */
  public static Ref ofLabel(String label, String field) {
    int slash = label.indexOf('/');
    return new Ref(label.substring(0, slash), label.substring(slash + 1), field);
  }
}
