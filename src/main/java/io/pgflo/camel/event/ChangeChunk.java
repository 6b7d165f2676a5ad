package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import java.util.List;

/**
 * A bounded, ordered slice of one committed transaction's events.
 *
 * @param transaction the transaction, or null for a non-transactional logical message
 * @param index       position of this chunk in its transaction, from 0
 * @param last        whether this is the transaction's final chunk
 * @param endLsn      on the last chunk, the position to confirm once every chunk is durable; else null
 * @param events      the events, in commit order; empty only for a transaction without events
 */
public record ChangeChunk(TransactionInfo transaction, int index, boolean last, Lsn endLsn,
                          List<ChangeEvent> events) {

    public ChangeChunk {
        events = List.copyOf(events);
    }
}
