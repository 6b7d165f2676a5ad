package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.pgoutput.Lsn;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Exchanges may complete out of order when the route is asynchronous; a transaction is durable only when
 * it and everything dispatched before it completed. Tickets are taken in dispatch order; the confirmed
 * position moves to the end LSN of the newest transaction whose tickets, and all earlier ones, are done.
 * Thread-safe.
 */
final class CompletionTracker {

    private static final class Ticket {
        final Lsn endLsn;
        boolean done;

        Ticket(Lsn endLsn) {
            this.endLsn = endLsn;
        }
    }

    private final ArrayDeque<Ticket> outstanding = new ArrayDeque<>();
    private final Consumer<Lsn> durable;

    CompletionTracker(Consumer<Lsn> durable) {
        this.durable = durable;
    }

    /** Takes a ticket for one exchange; {@code endLsn} is set on the exchange that ends a transaction. */
    synchronized Object open(Lsn endLsn) {
        Ticket ticket = new Ticket(endLsn);
        outstanding.addLast(ticket);
        return ticket;
    }

    /** Marks an exchange completed successfully and confirms what became durable. */
    synchronized void completed(Object ticket) {
        ((Ticket) ticket).done = true;
        Lsn newest = null;
        while (!outstanding.isEmpty() && outstanding.peekFirst().done) {
            Ticket head = outstanding.pollFirst();
            if (head.endLsn != null) {
                newest = head.endLsn;
            }
        }
        if (newest != null) {
            durable.accept(newest);
        }
    }

    /** Forgets every ticket, after a failure: the session replays them. */
    synchronized void reset() {
        outstanding.clear();
    }
}
