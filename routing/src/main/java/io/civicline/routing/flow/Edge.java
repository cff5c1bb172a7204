package io.civicline.routing.flow;

/**
 * A way from one node to another, for validation.
 *
 * @param pointer the JSON Pointer of the field naming the target, for errors
 * @param waits whether the call waits for the caller (input, ringing, queue) before taking it; a
 *     loop of edges that never wait would spin forever
 */
public record Edge(String pointer, String target, boolean waits) {}
