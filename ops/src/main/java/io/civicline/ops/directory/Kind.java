package io.civicline.ops.directory;

import io.civicline.core.directory.DirectoryObject;
import io.civicline.core.validation.ObjectReader;
import java.util.function.BiFunction;

/**
 * One kind of directory object as the API serves it.
 *
 * @param collection the store collection and the URL segment, e.g. {@code departments}
 * @param noun how errors name one object, e.g. {@code department}
 * @param idPrefix prefix of generated ids, e.g. {@code stf}
 * @param parser reads and validates a request body (returns null when the reader has errors)
 */
public record Kind<T extends DirectoryObject>(
    String collection, String noun, String idPrefix, BiFunction<String, ObjectReader, T> parser) {}
