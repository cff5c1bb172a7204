package io.civicline.routing.flow;

import io.civicline.core.validation.FieldErrors;
import io.civicline.core.validation.ObjectReader;

/**
 * Whether reading one part of a document recorded errors. A reader's {@link FieldErrors} collect
 * the whole document's problems, so "no errors at all" would let an unrelated earlier mistake hide
 * this part's own rule.
 */
public final class NewErrors {
  private final FieldErrors errors;
  private final int before;

  private NewErrors(FieldErrors errors) {
    this.errors = errors;
    this.before = errors.list().size();
  }

  /** Starts counting the errors recorded from now on. */
  public static NewErrors since(ObjectReader reader) {
    return new NewErrors(reader.errors());
  }

  /** Whether no error was recorded since {@link #since(ObjectReader)}. */
  public boolean none() {
    return errors.list().size() == before;
  }
}
