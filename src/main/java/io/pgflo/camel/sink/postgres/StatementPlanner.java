package io.pgflo.camel.sink.postgres;

import static io.pgflo.camel.sql.SqlIdentifiers.quote;

import io.pgflo.camel.copybinary.BinaryRowEncoder;
import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Turns a change into idempotent SQL, so applying it again after a crash leaves the same result:
 * an INSERT is an upsert on the key, an UPDATE finds its row by the old key and becomes an upsert of the
 * full row when the target lacks it, a DELETE deletes by key. Unchanged TOASTed columns are left out, so
 * the target keeps its value; NULLs are written as NULL. Identifiers are quoted; values are parameters.
 * Pure: no JDBC.
 */
public final class StatementPlanner {

    /** SQL text by statement shape: a batch repeats a few shapes thousands of times. */
    private static final ShapeCache<List<Object>, String> SQL = new ShapeCache<>(4096);

    private StatementPlanner() {
    }

    /** The statements for one change; empty for a change that has nothing to apply (a logical message). */
    public static List<SqlStatement> plan(ChangeRecord record, TargetTable target) {
        if (record.event() instanceof RowChange row) {
            return List.of(switch (row.operation()) {
                case INSERT -> upsert(record, row, target, row.newValues());
                case UPDATE -> update(record, row, target);
                case DELETE -> delete(record, row, target);
                default -> throw new IllegalArgumentException("not a row operation: " + row.operation());
            });
        }
        if (record.event() instanceof TruncateEvent truncate) {
            StringJoiner tables = new StringJoiner(", ");
            truncate.tables().forEach(t -> tables.add(quote(t)));
            return List.of(new SqlStatement("TRUNCATE " + tables + (truncate.restartIdentity() ? " RESTART IDENTITY" : "")
                    + (truncate.cascade() ? " CASCADE" : ""), List.of(), record, null));
        }
        return List.of();
    }

    private static SqlStatement upsert(ChangeRecord record, RowChange row, TargetTable target, List<TupleValue> values) {
        if (values instanceof CopyTextRow copyText) {
            // A copied row holds every column and no unchanged TOAST; its values are read only if it is not copied.
            CopiedShape shape = copiedShape(row, target);
            return new SqlStatement(shape.sql(), new CopyTextParameters(copyText), record, null, shape.insert());
        }
        List<String> names = new ArrayList<>(values.size());
        List<String> parameters = new ArrayList<>(values.size());
        for (int i = 0; i < row.columns().size(); i++) {
            if (!(values.get(i) instanceof TupleValue.UnchangedToast)) {
                names.add(column(row, i, target));
                parameters.add(text(values.get(i)));
            }
        }
        Upsert shape = upsertShape(target, names);
        return new SqlStatement(shape.sql(), parameters, record, null, shape.insert());
    }

    /** Keyed by the target's description: the same SQL into a column whose type changed needs another encoder. */
    private static Upsert upsertShape(TargetTable target, List<String> names) {
        return UPSERTS.get(List.of(target, names), () -> {
            BinaryRowEncoder binary = BinaryRowEncoder.forTypes(names.stream().map(n -> target.types().get(n)).toList());
            List<Long> oids = names.stream().map(n -> target.typeOids().get(n)).toList();
            return new Upsert(upsertSql(target, names), new SqlStatement.InsertTarget(quote(target.name()),
                    names.stream().map(n -> quote(n)).toList(), oids.contains(null) ? null : binary,
                    oids.contains(null) ? List.of() : oids));
        });
    }

    private record Upsert(String sql, SqlStatement.InsertTarget insert) {
    }

    /**
     * The upsert of the copied rows last planned: the rows of one copied message share their column list, and
     * checking every column against the target and looking up the shape for each of a million rows took a
     * sixth of the worker's route thread in an initial copy. Compared by identity, so a changed target (a new
     * description after DDL) or another message's columns miss and are checked again.
     */
    private record CopiedShape(List<ColumnInfo> columns, TargetTable target, String sql, SqlStatement.InsertTarget insert) {
    }

    private static volatile CopiedShape lastCopied;

    private static CopiedShape copiedShape(RowChange row, TargetTable target) {
        CopiedShape last = lastCopied;
        if (last != null && last.columns() == row.columns() && last.target() == target) {
            return last;
        }
        List<String> names = new ArrayList<>(row.columns().size());
        for (int i = 0; i < row.columns().size(); i++) {
            names.add(column(row, i, target));
        }
        Upsert shape = upsertShape(target, names);
        CopiedShape built = new CopiedShape(row.columns(), target, shape.sql(), shape.insert());
        lastCopied = built;
        return built;
    }

    /** Each upsert shape's SQL and COPY target, built once. */
    private static final ShapeCache<List<Object>, Upsert> UPSERTS = new ShapeCache<>(4096);

    private static String upsertSql(TargetTable target, List<String> names) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(target.name())).append(" (");
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner placeholders = new StringJoiner(", ");
        names.forEach(n -> {
            columns.add(quote(n));
            placeholders.add("?");
        });
        sql.append(columns).append(") VALUES (").append(placeholders).append(')');
        return sql.append(conflictClause(target, names)).toString();
    }

    /** The ON CONFLICT clause that makes an insert idempotent on the target's key; empty without a key. */
    private static String conflictClause(TargetTable target, List<String> names) {
        StringBuilder sql = new StringBuilder();
        if (target.hasKey() && names.containsAll(target.key())) {
            StringJoiner conflict = new StringJoiner(", ");
            target.key().forEach(k -> conflict.add(quote(k)));
            StringJoiner updates = new StringJoiner(", ");
            for (String name : names) {
                if (!target.key().contains(name)) {
                    updates.add(quote(name) + " = EXCLUDED." + quote(name));
                }
            }
            sql.append(" ON CONFLICT (").append(conflict).append(") DO ")
                    .append(updates.length() == 0 ? "NOTHING" : "UPDATE SET " + updates);
        }
        return sql.toString();
    }

    private static SqlStatement update(ChangeRecord record, RowChange row, TargetTable target) {
        List<TupleValue> identity = row.oldValues() != null ? row.oldValues() : row.newValues();
        List<String> setNames = new ArrayList<>(row.columns().size());
        List<String> parameters = new ArrayList<>(row.columns().size() + target.key().size());
        List<Integer> keys = row.oldValues() == null ? keyColumns(row, target) : List.of();
        for (int i = 0; i < row.columns().size(); i++) {
            TupleValue value = row.newValues().get(i);
            // Without an old image the key did not change; leaving it out of SET lets PostgreSQL update in place.
            if (!(value instanceof TupleValue.UnchangedToast) && !keys.contains(i)) {
                setNames.add(column(row, i, target));
                parameters.add(text(value));
            }
        }
        if (setNames.isEmpty()) {
            // Only key columns, unchanged: nothing to set, but the row must exist.
            return upsert(record, row, target, row.newValues());
        }
        Where where = where(row, identity, target, parameters);
        String sql = SQL.get(List.of("UPDATE", target, setNames, where.shape()), () -> {
            StringJoiner sets = new StringJoiner(", ");
            setNames.forEach(n -> sets.add(quote(n) + " = ?"));
            return "UPDATE " + quote(target.name()) + " SET " + sets + where.sql(target);
        });
        // With an old image the key may change, and a run of such updates depends on their order.
        SqlStatement.ByKey byKey = row.oldValues() == null ? byKey(sql, false, row, target, setNames, where) : null;
        return new SqlStatement(sql, parameters, record, upsert(record, row, target, row.newValues()), null, byKey);
    }

    private static SqlStatement delete(ChangeRecord record, RowChange row, TargetTable target) {
        List<String> parameters = new ArrayList<>();
        Where where = where(row, row.oldValues(), target, parameters);
        String sql = SQL.get(List.of("DELETE", target, where.shape()), () -> "DELETE FROM " + quote(target.name()) + where.sql(target));
        return new SqlStatement(sql, parameters, record, null, null, byKey(sql, true, row, target, List.of(), where));
    }

    /**
     * The set-based form of each UPDATE and DELETE shape, built once like its SQL text. Keyed by the target too:
     * a column's type can change while the statement's text stays the same.
     */
    private static final ShapeCache<List<Object>, Optional<SqlStatement.ByKey>> BY_KEY = new ShapeCache<>(4096);

    /** @return the set-based form, or null when the row is not found by the target's key or a type is unknown */
    private static SqlStatement.ByKey byKey(String sql, boolean delete, RowChange row, TargetTable target, List<String> setNames,
                                            Where where) {
        if (!where.byTargetKey() || !sameKeyTypes(row, target, where)) {
            return null;
        }
        return BY_KEY.get(List.of(sql, target), () -> {
            List<String> setTypes = new ArrayList<>();
            List<String> keyTypes = new ArrayList<>();
            for (String name : setNames) {
                setTypes.add(target.types().get(name));
            }
            for (String name : where.columns()) {
                keyTypes.add(target.types().get(name));
            }
            if (setTypes.contains(null) || keyTypes.contains(null)) {
                return Optional.empty();
            }
            return Optional.of(new SqlStatement.ByKey(delete, quote(target.name()),
                    setNames.stream().map(n -> quote(n)).toList(), setTypes,
                    where.columns().stream().map(n -> quote(n)).toList(), keyTypes));
        }).orElse(null);
    }

    /**
     * A run is checked for repeated keys by their text, which finds every repeat only when the key has the same
     * type on both sides: the source then sends one text per value. A text key that lands in a uuid or citext
     * column could match one target row under two texts.
     */
    private static boolean sameKeyTypes(RowChange row, TargetTable target, Where where) {
        for (String name : where.columns()) {
            Long targetType = target.typeOids().get(name);
            if (targetType == null || targetType != row.columns().get(row.columnIndex(name)).typeOid()) {
                return false;
            }
        }
        return true;
    }

    /**
     * How a statement finds its row: the columns compared, with '=' on the target's key (which can use its
     * index) or IS NOT DISTINCT FROM on the source's identity columns (which may hold NULLs), and whether
     * only one of identical twins may be touched.
     */
    private record Where(List<String> columns, boolean byTargetKey, boolean oneOfTwins) {

        List<Object> shape() {
            return List.of(columns, byTargetKey, oneOfTwins);
        }

        String sql(TargetTable target) {
            StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "");
            String compare = byTargetKey ? " = ?" : " IS NOT DISTINCT FROM ?";
            columns.forEach(c -> conditions.add(quote(c) + compare));
            // A row identified by all its columns may have identical twins: touch one, as PostgreSQL's own
            // replication does, so a change to one of two equal rows does not change both.
            return oneOfTwins ? " WHERE ctid = (SELECT ctid FROM " + quote(target.name()) + conditions + " LIMIT 1)"
                    : conditions.toString();
        }
    }

    /** Identifies the row by the target's key when the change carries it, else by the source's identity columns. */
    private static Where where(RowChange row, List<TupleValue> identity, TargetTable target, List<String> parameters) {
        boolean byTargetKey = usesTargetKey(row, target);
        List<Integer> keys = keyColumns(row, target);
        List<String> names = new ArrayList<>(keys.size());
        for (int i : keys) {
            String name = column(row, i, target);
            TupleValue value = identity.get(i);
            if (value instanceof TupleValue.UnchangedToast) {
                throw new IllegalArgumentException("the key column " + name + " of " + target.name()
                        + " is an unchanged TOASTed value; a key must be sent in full");
            }
            names.add(name);
            parameters.add(text(value));
        }
        return new Where(names, byTargetKey, !byTargetKey && keys.size() == row.columns().size());
    }

    private static boolean usesTargetKey(RowChange row, TargetTable target) {
        // Only a target key made of the source's identity columns is sure to be in the old image and unchanged
        // in the new one: a key-only old image holds NULL for every other column.
        if (!target.hasKey()) {
            return false;
        }
        for (String key : target.key()) {
            int index = row.columnIndex(key);
            if (index < 0 || !row.columns().get(index).key()) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> keyColumns(RowChange row, TargetTable target) {
        List<Integer> indexes = new ArrayList<>();
        if (usesTargetKey(row, target)) {
            for (String key : target.key()) {
                indexes.add(row.columnIndex(key));
            }
            return indexes;
        }
        for (int i = 0; i < row.columns().size(); i++) {
            if (row.columns().get(i).key()) {
                indexes.add(i);
            }
        }
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("no key for " + row.operation() + " on " + target.name()
                    + ": the target has no primary key or unique index and the source sent no replica identity;"
                    + " give the source table a primary key or REPLICA IDENTITY FULL");
        }
        return indexes;
    }

    private static String column(RowChange row, int index, TargetTable target) {
        ColumnInfo column = row.columns().get(index);
        if (!target.columns().contains(column.name())) {
            throw new IllegalArgumentException("column " + column.name() + " of " + row.table() + " does not exist in target"
                    + " table " + target.name() + "; create it, or map or exclude it with routing or rules");
        }
        return column.name();
    }

    static String text(TupleValue value) {
        if (value instanceof TupleValue.Text text) {
            return text.value();
        }
        if (value instanceof TupleValue.Null) {
            return null;
        }
        throw new IllegalArgumentException("value " + value + " cannot be written as text");
    }

    /** The change's table, which is the target table once routing has renamed it. */
    public static TableName tableOf(ChangeRecord record) {
        return record.event() instanceof RowChange row ? row.table() : null;
    }
}
