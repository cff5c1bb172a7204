package io.civicline.mobileapi.inbox;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which items of a department's inbox a list shows.
 *
 * @param assignee {@code null} for anyone's, empty for nobody's, else one staff member's
 * @param search a case-insensitive substring of the number, note, transcript or texts; a search
 *     that looks like a phone number also matches the number however it is punctuated
 */
public record InboxQuery(Status status, Optional<String> assignee, Optional<String> search) {
  private static final Pattern PHONE_LIKE = Pattern.compile("[0-9 ()+.\\-]+");

  public enum Status {
    OPEN,
    HANDLED,
    ALL
  }

  /** The default list: what is still to do, whoever has it. */
  public static InboxQuery open() {
    return new InboxQuery(Status.OPEN, null, Optional.empty());
  }

  public boolean matches(InboxItem item) {
    return statusMatches(item) && assigneeMatches(item) && searchMatches(item);
  }

  private boolean statusMatches(InboxItem item) {
    return switch (status) {
      case OPEN -> !item.handled();
      case HANDLED -> item.handled();
      case ALL -> true;
    };
  }

  private boolean assigneeMatches(InboxItem item) {
    if (assignee == null) {
      return true;
    }
    return assignee.isEmpty() ? item.assignedTo().isEmpty() : item.assignedTo().equals(assignee);
  }

  private boolean searchMatches(InboxItem item) {
    if (search.isEmpty()) {
      return true;
    }
    String needle = search.get().strip().toLowerCase(Locale.ROOT);
    if (item.searchText().toLowerCase(Locale.ROOT).contains(needle)) {
      return true;
    }
    String digits = needle.replaceAll("[^0-9]", "");
    return PHONE_LIKE.matcher(needle).matches()
        && digits.length() >= 3
        && item.from().replaceAll("[^0-9]", "").contains(digits);
  }
}
