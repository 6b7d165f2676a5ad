package io.pgflo.camel.wire;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.Xid;
import java.time.Instant;
import java.util.List;

/**
 * One NATS message of the wire format: a consecutive run of one transaction's changes.
 *
 * @param xid        the source transaction, or null for a non-transactional logical message
 * @param commitLsn  LSN of the transaction's commit record (of the message itself when non-transactional)
 * @param endLsn     on the transaction's last message, its end LSN; else null
 * @param firstSeq   ordinal in the transaction of the first change here
 * @param last       whether this message ends the transaction
 */
public record WireMessage(Xid xid, Lsn commitLsn, Instant commitTime, String origin, Lsn endLsn, long firstSeq,
                          boolean last, Instant emittedAt, List<ChangeRecord> changes) {

    public WireMessage {
        changes = List.copyOf(changes);
    }

    /**
     * The JetStream de-duplication id: the same for a replayed message whatever the chunk sizes, as it
     * names the first change's position.
     */
    public String messageId() {
        return messageId(commitLsn, firstSeq);
    }

    public static String messageId(Lsn commitLsn, long firstSeq) {
        return commitLsn + "#" + firstSeq;
    }
}
