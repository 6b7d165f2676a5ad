package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.Xid;
import java.time.Instant;

/**
 * The committed transaction a change belongs to. {@code commitLsn} is the LSN of the commit record;
 * {@code origin} names the replication origin, or is null for local changes.
 *
 * <p>Rows of an initial copy belong to a snapshot pseudo-transaction: xid 0, which PostgreSQL never
 * assigns, and a commit LSN just below the first change the slot streams, so they sort before it.
 */
public record TransactionInfo(Xid xid, Lsn commitLsn, Instant commitTime, String origin) {

    private static final Xid SNAPSHOT_XID = new Xid(0);

    /** The pseudo-transaction of rows copied from a snapshot; see the class comment. */
    public static TransactionInfo snapshot(Lsn position, Instant takenAt) {
        return new TransactionInfo(SNAPSHOT_XID, position, takenAt, null);
    }

    /** Whether the rows are an initial copy's, not streamed changes. */
    public boolean isSnapshot() {
        return xid.value() == 0;
    }

    public TransactionInfo withOrigin(String originName) {
        return new TransactionInfo(xid, commitLsn, commitTime, originName);
    }
}
