package io.civicline.core.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one input so a caller hears about all of them at once. */
public final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  public void add(String pointer, String detail) {
    errors.add(new FieldError(pointer, detail));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> list() {
    return List.copyOf(errors);
  }

  /** Throws {@link InvalidInputException} when anything was collected. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(list());
    }
  }
}
