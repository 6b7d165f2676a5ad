package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import java.util.List;

/** One TRUNCATE statement, which may name several tables. */
public record TruncateEvent(List<TableName> tables, boolean cascade, boolean restartIdentity, Lsn lsn,
                            TransactionInfo transaction) implements ChangeEvent {

    public TruncateEvent {
        tables = List.copyOf(tables);
    }

    @Override
    public Operation operation() {
        return Operation.TRUNCATE;
    }

    @Override
    public int estimatedSize() {
        return 64 + 64 * tables.size();
    }
}
