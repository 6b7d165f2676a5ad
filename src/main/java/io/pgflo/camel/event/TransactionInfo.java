package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.Xid;
import java.time.Instant;

/**
 * The committed transaction a change belongs to. {@code commitLsn} is the LSN of the commit record;
 * {@code origin} names the replication origin, or is null for local changes.
 */
public record TransactionInfo(Xid xid, Lsn commitLsn, Instant commitTime, String origin) {

    public TransactionInfo withOrigin(String originName) {
        return new TransactionInfo(xid, commitLsn, commitTime, originName);
    }
}
