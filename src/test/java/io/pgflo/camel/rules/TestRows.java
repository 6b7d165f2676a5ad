package io.pgflo.camel.rules;

import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds change events for rule and routing tests. Values: a String is text, null is NULL, {@link #TOAST} is unchanged TOAST. */
public final class TestRows {

    public static final TupleValue TOAST = TupleValue.UnchangedToast.INSTANCE;
    public static final TupleValue NULL = TupleValue.Null.INSTANCE;
    public static final Lsn LSN = Lsn.parse("0/16B3748");
    public static final TransactionInfo TX = new TransactionInfo(new Xid(731), Lsn.parse("0/16B3800"),
            Instant.parse("2024-05-06T07:08:09Z"), null);
    private static final Position POSITION = new Position(Lsn.parse("0/16B3800"), 3);
    private static final Instant EMITTED = Instant.parse("2024-05-06T07:08:10Z");

    private TestRows() {
    }

    public static Table table(String qualifiedName) {
        return new Table(TableName.parse(qualifiedName, "public"));
    }

    public static ChangeRecord record(ChangeEvent event) {
        return new ChangeRecord(POSITION, EMITTED, event);
    }

    public static TruncateEvent truncate(String... tables) {
        List<TableName> names = new ArrayList<>();
        for (String table : tables) {
            names.add(TableName.parse(table, "public"));
        }
        return new TruncateEvent(names, false, false, LSN, TX);
    }

    public static LogicalMessageEvent message() {
        return new LogicalMessageEvent("audit", "hello".getBytes(StandardCharsets.UTF_8), true, LSN, TX);
    }

    public static TupleValue value(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof TupleValue tuple) {
            return tuple;
        }
        return new TupleValue.Text((String) value);
    }

    public static List<TupleValue> values(Object... values) {
        List<TupleValue> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value(value));
        }
        return list;
    }

    /** A table's shape, from which row changes are built. */
    public static final class Table {

        private final TableName name;
        private final List<ColumnInfo> columns = new ArrayList<>();
        private ReplicaIdentity identity = ReplicaIdentity.DEFAULT;

        private Table(TableName name) {
            this.name = name;
        }

        public TableName name() {
            return name;
        }

        public List<ColumnInfo> columns() {
            return columns;
        }

        /** A key column. */
        public Table key(String column, String type) {
            columns.add(new ColumnInfo(column, 0, type, -1, true));
            return this;
        }

        public Table column(String column, String type) {
            columns.add(new ColumnInfo(column, 0, type, -1, false));
            return this;
        }

        /** REPLICA IDENTITY FULL: every column is part of the key, and old rows are whole. */
        public Table full() {
            identity = ReplicaIdentity.FULL;
            columns.replaceAll(c -> new ColumnInfo(c.name(), c.typeOid(), c.typeName(), c.typeModifier(), true));
            return this;
        }

        public RowChange insert(Object... values) {
            return row(Operation.INSERT, values(values), null, false);
        }

        /** An UPDATE without an old image (the key did not change). */
        public RowChange update(Object... values) {
            return row(Operation.UPDATE, values(values), null, false);
        }

        /** An UPDATE with a whole old row, as REPLICA IDENTITY FULL sends. */
        public RowChange update(List<Object> oldRow, Object... values) {
            return row(Operation.UPDATE, values(values), values(oldRow.toArray()), false);
        }

        /** An UPDATE that changed the key: the old image holds only the key columns (others null). */
        public RowChange updateKey(List<Object> oldKeyRow, Object... values) {
            return row(Operation.UPDATE, values(values), values(oldKeyRow.toArray()), true);
        }

        /** A DELETE with a key-only old row: give null for the non-key columns. */
        public RowChange delete(Object... oldKeyRow) {
            return row(Operation.DELETE, null, values(oldKeyRow), true);
        }

        /** A DELETE with the whole old row (REPLICA IDENTITY FULL). */
        public RowChange deleteFull(Object... oldRow) {
            return row(Operation.DELETE, null, values(oldRow), false);
        }

        private RowChange row(Operation operation, List<TupleValue> newValues, List<TupleValue> oldValues,
                              boolean keyOnly) {
            return new RowChange(operation, name, columns, identity, newValues, oldValues, keyOnly, LSN, TX);
        }
    }

    /** The text values of a row, with null for NULL and "<toast>" for unchanged TOAST. */
    public static List<String> texts(List<TupleValue> row) {
        if (row == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (TupleValue value : row) {
            texts.add(value instanceof TupleValue.Text text ? text.value() : value == TOAST ? "<toast>" : null);
        }
        return texts;
    }

    public static List<String> names(List<ColumnInfo> columns) {
        return columns.stream().map(ColumnInfo::name).toList();
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
