package io.civicline.core.validation;

/**
 * One problem with one field of a request, named by a JSON Pointer as RFC 9457 suggests (e.g.
 * {@code #/hours/monday/0/open}).
 */
public record FieldError(String pointer, String detail) {}
