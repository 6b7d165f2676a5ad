package io.pgflo.camel.snapshot;

import java.util.Map;
import java.util.Optional;

/**
 * Where an initial copy keeps its progress, so a restart copies only what is not yet done. The replicator
 * keeps it in the group's JetStream key-value bucket. Every write must be durable when the call returns.
 */
public interface CopyState {

    /** The plan of a copy that has started, if any. */
    Optional<CopyPlan> plan();

    void savePlan(CopyPlan plan);

    /**
     * Counts a new attempt and returns its number, from 1. Each attempt's rows get positions above every
     * earlier attempt's, so a sink never takes them for rows it already applied.
     */
    long beginAttempt();

    /** The ranges whose rows are all durable downstream, with their row counts. */
    Map<RangeKey, Long> finishedRanges();

    void rangeFinished(RangeKey range, long rows);

    /** Whether the copy finished; the stream then starts without copying again. */
    boolean completed();

    void markCompleted();

    /** Lets go of connections between uses; the state opens them again when needed. */
    default void release() {
    }
}
