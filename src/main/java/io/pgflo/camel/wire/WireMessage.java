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
     * The JetStream de-duplication id: the positions of the first and last change it holds, the same for a
     * replayed message cut the same way. A replay cut differently gets other ids, so it is stored again
     * rather than wrongly dropped, and the worker skips the changes it already applied by position.
     */
    public String messageId() {
        return messageId(commitLsn, firstSeq, changes.size());
    }

    public static String messageId(Lsn commitLsn, long firstSeq, int changeCount) {
        return commitLsn + "#" + firstSeq + "-" + (firstSeq + changeCount - 1);
    }
}
