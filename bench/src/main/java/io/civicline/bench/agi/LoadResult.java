package io.civicline.bench.agi;

import io.civicline.bench.report.Latencies;
import java.util.Optional;

/**
 * One scenario at one load.
 *
 * @param completed calls the server ran to their end
 * @param unserved calls closed before any command (the client's view of a rejection)
 * @param failed calls broken mid-way on the client side, plus sessions the server counted as failed
 * @param rejected connections the server closed because it was at its concurrent-call limit
 * @param heldByServer peak of the server's active-calls counter
 * @param heldByClient peak of calls in progress as the simulated Asterisk saw them
 * @param allHeld whether every call reached the hold (or ended) before the gate gave up waiting
 * @param firstCommand environment block sent -> first command
 * @param nextCommand reply sent -> next command, except right after the hold
 * @param afterHold the reply that ends the hold -> next command, all calls resuming at once
 * @param problem the first client-side error, to start looking from
 */
record LoadResult(
    String scenario,
    int calls,
    int completed,
    int unserved,
    int failed,
    long rejected,
    int heldByServer,
    int heldByClient,
    boolean allHeld,
    Latencies.Summary firstCommand,
    Latencies.Summary nextCommand,
    Latencies.Summary afterHold,
    long wallMillis,
    Optional<String> problem) {}
