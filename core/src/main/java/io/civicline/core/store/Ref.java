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
}
