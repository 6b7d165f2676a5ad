package io.pgflo.camel.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A change as the worker receives it: the event, its position in the source's commit order, and when
 * the replicator emitted it.
 */
public record ChangeRecord(Position position, Instant emittedAt, ChangeEvent event) {

    public ChangeRecord {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(emittedAt, "emittedAt");
        Objects.requireNonNull(event, "event");
    }

    /** The same position and time with another event, for rules and routing that rewrite a change. */
    public ChangeRecord withEvent(ChangeEvent replacement) {
        return new ChangeRecord(position, emittedAt, replacement);
    }
}
