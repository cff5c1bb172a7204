package io.civicline.core.validation;

import java.util.List;

/** Input that breaks the rules of its schema; carries every field error found. */
public final class InvalidInputException extends RuntimeException {
  private final transient List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(summary(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(String pointer, String detail) {
    this(List.of(new FieldError(pointer, detail)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    StringBuilder text = new StringBuilder();
    for (FieldError error : errors) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(error.pointer()).append(": ").append(error.detail());
    }
    return text.toString();
  }
}
