package io.civicline.core.store;

/**
 * A value that at most one document of a tenant may hold, e.g. a staff extension.
 *
 * @param constraint names the set of values, e.g. {@code staff-extension}
 * @param field the JSON Pointer of the field, used in errors
 */
public record UniqueValue(String constraint, String value, String field) {}
