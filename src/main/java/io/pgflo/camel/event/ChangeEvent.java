package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;

/**
 * One change from a committed source transaction: a row change, a TRUNCATE, or a logical message.
 * Events are immutable and carry their position ({@code lsn}) and their transaction.
 */
public sealed interface ChangeEvent permits RowChange, TruncateEvent, LogicalMessageEvent {

    Operation operation();

    /** WAL position of this change. */
    Lsn lsn();

    TransactionInfo transaction();

    /** A rough count of bytes held, for bounding chunks; not a wire size. */
    int estimatedSize();
}
