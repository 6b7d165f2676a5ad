package io.pgflo.camel.event;

/** What a change event records. */
public enum Operation {
    INSERT, UPDATE, DELETE, TRUNCATE,
    /** A message written with {@code pg_logical_emit_message}. */
    MESSAGE
}
