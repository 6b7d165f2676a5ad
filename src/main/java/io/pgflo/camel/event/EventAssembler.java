package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.PgOutputMessage;
import io.pgflo.camel.pgoutput.RelationId;
import io.pgflo.camel.pgoutput.TupleData;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the pgoutput message sequence of one replication session into change events. It caches
 * Relation and Type messages by oid and tracks the open transaction.
 *
 * <p>One instance per replication connection: after a reconnect the server describes every relation
 * again, so a new session starts with a new assembler. Not thread-safe.
 */
public final class EventAssembler {

    private final Map<RelationId, RelationShape> relations = new HashMap<>();
    private final Map<Long, String> customTypeNames = new HashMap<>();
    private TransactionInfo transaction;

    /** The transaction between Begin and Commit, or null outside one. */
    public TransactionInfo currentTransaction() {
        return transaction;
    }

    /**
     * Feeds one message. Returns the change event it describes, or null for a message that only changes
     * state (Begin, Commit, Origin, Relation, Type).
     *
     * @param walStart the WAL position the server sent with the message
     * @throws IllegalStateException for a message that cannot occur at this point of the stream
     */
    public ChangeEvent accept(PgOutputMessage message, Lsn walStart) {
        if (message instanceof PgOutputMessage.Insert insert) {
            RelationShape shape = shape(insert.relation());
            return new RowChange(Operation.INSERT, shape.table(), shape.columns(), shape.replicaIdentity(),
                    values(insert.newTuple(), shape), null, false, walStart, requireTransaction("Insert"));
        }
        if (message instanceof PgOutputMessage.Update update) {
            RelationShape shape = shape(update.relation());
            List<TupleValue> old = update.oldTuple().map(o -> values(o.tuple(), shape)).orElse(null);
            boolean keyOnly = update.oldTuple().map(o -> o.kind() == PgOutputMessage.OldTupleKind.KEY).orElse(false);
            return new RowChange(Operation.UPDATE, shape.table(), shape.columns(), shape.replicaIdentity(),
                    values(update.newTuple(), shape), old, keyOnly, walStart, requireTransaction("Update"));
        }
        if (message instanceof PgOutputMessage.Delete delete) {
            RelationShape shape = shape(delete.relation());
            boolean keyOnly = delete.oldTuple().kind() == PgOutputMessage.OldTupleKind.KEY;
            return new RowChange(Operation.DELETE, shape.table(), shape.columns(), shape.replicaIdentity(),
                    null, values(delete.oldTuple().tuple(), shape), keyOnly, walStart, requireTransaction("Delete"));
        }
        if (message instanceof PgOutputMessage.Truncate truncate) {
            List<TableName> tables = new ArrayList<>(truncate.relations().size());
            for (RelationId id : truncate.relations()) {
                tables.add(shape(id).table());
            }
            return new TruncateEvent(tables, truncate.cascade(), truncate.restartIdentity(), walStart,
                    requireTransaction("Truncate"));
        }
        if (message instanceof PgOutputMessage.LogicalMessage logical) {
            TransactionInfo owner = logical.transactional() ? requireTransaction("transactional Message") : null;
            return new LogicalMessageEvent(logical.prefix(), logical.content(), logical.transactional(),
                    logical.lsn(), owner);
        }
        acceptState(message);
        return null;
    }

    private void acceptState(PgOutputMessage message) {
        if (message instanceof PgOutputMessage.Begin begin) {
            if (transaction != null) {
                throw new IllegalStateException("Begin of xid " + begin.xid() + " inside open transaction " + transaction.xid());
            }
            transaction = new TransactionInfo(begin.xid(), begin.finalLsn(), begin.commitTime(), null);
        } else if (message instanceof PgOutputMessage.Commit) {
            requireTransaction("Commit");
            transaction = null;
        } else if (message instanceof PgOutputMessage.Origin origin) {
            transaction = requireTransaction("Origin").withOrigin(origin.name());
        } else if (message instanceof PgOutputMessage.Relation relation) {
            relations.put(relation.id(), shapeOf(relation));
        } else if (message instanceof PgOutputMessage.Type type) {
            customTypeNames.put(type.oid(), qualifiedTypeName(type));
        } else {
            throw streamingNotSupported();
        }
    }

    private static IllegalStateException streamingNotSupported() {
        return new IllegalStateException("received a streamed in-progress transaction message; the slot must be "
                + "read with proto_version 1 and streaming off, which sends only committed transactions");
    }

    private static String qualifiedTypeName(PgOutputMessage.Type type) {
        return "pg_catalog".equals(type.namespace()) || "public".equals(type.namespace())
                ? type.name() : type.namespace() + "." + type.name();
    }

    private RelationShape shapeOf(PgOutputMessage.Relation relation) {
        List<ColumnInfo> columns = new ArrayList<>(relation.columns().size());
        for (PgOutputMessage.Column column : relation.columns()) {
            columns.add(new ColumnInfo(column.name(), column.typeOid(), typeName(column.typeOid()),
                    column.typeModifier(), column.key()));
        }
        return new RelationShape(new TableName(relation.namespace(), relation.name()), columns,
                relation.replicaIdentity());
    }

    private String typeName(long oid) {
        String builtIn = PgTypeNames.builtIn(oid);
        return builtIn != null ? builtIn : customTypeNames.get(oid);
    }

    private RelationShape shape(RelationId id) {
        RelationShape shape = relations.get(id);
        if (shape == null) {
            throw new IllegalStateException("change for relation oid " + id + " arrived before its Relation message");
        }
        return shape;
    }

    private TransactionInfo requireTransaction(String what) {
        if (transaction == null) {
            throw new IllegalStateException(what + " arrived outside a transaction (no Begin before it)");
        }
        return transaction;
    }

    private static List<TupleValue> values(TupleData tuple, RelationShape shape) {
        if (tuple.size() != shape.columns().size()) {
            throw new IllegalStateException("tuple for " + shape.table() + " has " + tuple.size()
                    + " columns but its Relation message declared " + shape.columns().size());
        }
        for (TupleValue value : tuple.values()) {
            if (value instanceof TupleValue.Binary) {
                throw new IllegalStateException("binary value in " + shape.table()
                        + "; the slot must be read in text mode (binary off) so values keep their exact text form");
            }
        }
        return tuple.values();
    }
}
