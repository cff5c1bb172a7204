package io.civicline.core.store;

import java.util.List;
import java.util.Optional;

/** One page of a listing, with the cursor of the next page when there is one. */
public record Page<T>(List<T> items, Optional<String> next) {}
