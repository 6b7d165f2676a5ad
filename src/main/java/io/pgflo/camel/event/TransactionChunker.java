package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts each committed transaction into chunks of at most {@code maxEvents} events and roughly
 * {@code maxBytes}, so memory stays flat however large the transaction.
 *
 * <p>A full chunk is held back until the next event arrives, so the transaction's final chunk is never
 * empty and always carries the commit's end LSN. At most two chunks are therefore held. Not thread-safe.
 */
public final class TransactionChunker {

    private final int maxEvents;
    private final long maxBytes;
    private final Consumer<ChangeChunk> output;

    private TransactionInfo transaction;
    private List<ChangeEvent> open = new ArrayList<>();
    private long openBytes;
    private List<ChangeEvent> held;
    private int nextIndex;

    public TransactionChunker(int maxEvents, long maxBytes, Consumer<ChangeChunk> output) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 event, got " + maxEvents);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("chunk bytes must be at least 1, got " + maxBytes);
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.output = output;
    }

    public void begin(TransactionInfo tx) {
        if (transaction != null) {
            throw new IllegalStateException("begin of xid " + tx.xid() + " while xid " + transaction.xid() + " is open");
        }
        transaction = tx;
        nextIndex = 0;
    }

    /** Adds an event of the open transaction; a non-transactional message becomes a chunk of its own. */
    public void add(ChangeEvent event) {
        if (event.transaction() == null) {
            output.accept(new ChangeChunk(null, 0, true, null, List.of(event)));
            return;
        }
        if (transaction == null) {
            throw new IllegalStateException("event at " + event.lsn() + " outside a transaction");
        }
        // Events carry the latest view of the transaction: an Origin message may follow Begin.
        transaction = event.transaction();
        if (held != null) {
            emit(held, false, null);
            held = null;
        }
        open.add(event);
        openBytes += event.estimatedSize();
        if (open.size() >= maxEvents || openBytes >= maxBytes) {
            held = open;
            open = new ArrayList<>();
            openBytes = 0;
        }
    }

    /** Ends the open transaction; its final chunk carries {@code endLsn}, even when it has no events. */
    public void commit(Lsn endLsn) {
        if (transaction == null) {
            throw new IllegalStateException("commit at " + endLsn + " outside a transaction");
        }
        List<ChangeEvent> last = held != null ? held : open;
        if (held != null && !open.isEmpty()) {
            throw new IllegalStateException("chunker holds a full chunk and open events at once");
        }
        emit(last, true, endLsn);
        held = null;
        open = new ArrayList<>();
        openBytes = 0;
        transaction = null;
    }

    /** Drops an unfinished transaction, for example when the connection is lost before its Commit. */
    public void reset() {
        transaction = null;
        held = null;
        open = new ArrayList<>();
        openBytes = 0;
    }

    private void emit(List<ChangeEvent> events, boolean last, Lsn endLsn) {
        output.accept(new ChangeChunk(transaction, nextIndex++, last, endLsn, events));
    }
}
