package io.civicline.core.store;

import java.util.List;

/** Why the store refused a write. Each kind maps to one HTTP status at the edge. */
public sealed class StoreException extends RuntimeException {
  StoreException(String message) {
    super(message, null, false, false);
  }

  /** The document does not exist. */
  public static final class NotFound extends StoreException {
    public NotFound(String resource) {
      super(resource + " does not exist");
    }
  }

  /** A create found the id taken. */
  public static final class AlreadyExists extends StoreException {
    public AlreadyExists(String resource) {
      super(resource + " already exists");
    }
  }

  /** The caller's version is not the stored one: someone else changed it meanwhile. */
  public static final class VersionMismatch extends StoreException {
    private final long current;

    public VersionMismatch(String resource, long current) {
      super(resource + " is at version " + current);
      this.current = current;
    }

    public long current() {
      return current;
    }
  }

  /** Referenced documents that do not exist, by the pointer of the referring field. */
  public static final class MissingReferences extends StoreException {
    private final List<String> fields;

    public MissingReferences(List<String> fields) {
      super("references to missing objects at " + fields);
      this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
      return fields;
    }
  }

  /** A value that must be unique is held by another document. */
  public static final class UniqueTaken extends StoreException {
    private final String field;
    private final String value;
    private final String owner;

    public UniqueTaken(String field, String value, String owner) {
      super(value + " is already used by " + owner);
      this.field = field;
      this.value = value;
      this.owner = owner;
    }

    public String field() {
      return field;
    }

    public String value() {
      return value;
    }

    public String owner() {
      return owner;
    }
  }

  /** Other documents still refer to the one being deleted. */
  public static final class StillReferenced extends StoreException {
    private final List<String> referrers;
    private final long count;

    public StillReferenced(List<String> referrers, long count) {
      super("still referred to by " + referrers);
      this.referrers = List.copyOf(referrers);
      this.count = count;
    }

    public List<String> referrers() {
      return referrers;
    }

    public long count() {
      return count;
    }
  }

  /** A tenant that still holds objects. */
  public static final class NotEmpty extends StoreException {
    private final List<String> holding;

    public NotEmpty(List<String> holding) {
      super("still holds " + holding);
      this.holding = List.copyOf(holding);
    }

    public List<String> holding() {
      return holding;
    }
  }
}
