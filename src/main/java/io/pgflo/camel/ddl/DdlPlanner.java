package io.pgflo.camel.ddl;

import static io.pgflo.camel.sql.SqlIdentifiers.quote;

import io.pgflo.camel.event.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans the statements that reconcile a target table with a DDL document. The difference between the
 * document's {@code before} and {@code after} says what the command changed; the target's catalog says
 * what is still to do. A step the target already shows is left out, so the same document planned again
 * after a crash plans nothing, and an error is a real one. Without {@code before} (the first command on a
 * table since tracking began) the target is brought to {@code after} without dropping anything.
 *
 * <p>Pure: the caller reads the target's catalog; names in the document are already the target's (routing
 * ran before).
 */
public final class DdlPlanner {

    private DdlPlanner() {
    }

    /**
     * @param target the target's description of a table, empty when the target has no such table
     * @throws DdlMappingException when the document is unmappable or names a table the target lacks
     */
    public static List<DdlStep> plan(DdlDocument document, Function<TableName, Optional<TableState>> target) {
        if (document.unmappable() != null) {
            throw new DdlMappingException("DDL " + describe(document) + " cannot be applied to the target: " + document.unmappable());
        }
        TableState after = document.after();
        TableState before = document.before();
        List<DdlStep> steps = new ArrayList<>();
        TableState current = target.apply(after.name()).orElse(null);
        if (current == null && before != null && !before.name().equals(after.name())) {
            TableState old = target.apply(before.name()).orElse(null);
            if (old != null) {
                if (!before.name().schema().equals(after.name().schema())) {
                    throw new DdlMappingException("DDL " + describe(document) + " moves table " + before.name() + " to schema "
                            + after.name().schema() + "; moving tables between schemas is not replicated. Move the target's "
                            + before.name() + " yourself (ALTER TABLE ... SET SCHEMA)");
                }
                steps.add(new DdlStep("ALTER TABLE " + quote(before.name()) + " RENAME TO " + quote(after.name().table()), false,
                        "rename table " + before.name() + " to " + after.name().table()));
                current = new TableState(after.name(), old.columns(), old.indexes(), old.constraints());
            }
        }
        if (current == null) {
            throw new DdlTargetMissingException("target table " + after.name() + " does not exist, so DDL " + describe(document)
                    + " cannot be applied; create the table (or use --target-sync-schema), or route the source table to an"
                    + " existing one");
        }
        String table = quote(after.name());
        Map<String, ColumnState> columns = new LinkedHashMap<>();
        current.columns().forEach(c -> columns.put(c.name(), c));

        // Constraints and indexes that go are dropped first: a dropped or retyped column may need them gone.
        for (ConstraintState gone : droppedConstraints(before, after)) {
            if (current.constraint(gone.name()).isPresent()) {
                steps.add(new DdlStep("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + quote(gone.name()), false,
                        "drop constraint " + gone.name() + " of " + after.name()));
            }
        }
        if (before != null) {
            for (IndexState gone : before.indexes()) {
                // ALTER COLUMN TYPE rebuilds an index under a new oid and the same name: that one stays.
                if (!gone.constraint() && after.indexWithOid(gone.oid()).isEmpty() && after.index(gone.name()).isEmpty()
                        && current.index(gone.name()).isPresent()) {
                    steps.add(dropIndex(after.name(), gone.name(), document.concurrently()));
                }
            }
            for (ColumnState gone : before.columns()) {
                if (after.columnNumbered(gone.attnum()).isEmpty() && columns.remove(gone.name()) != null) {
                    steps.add(new DdlStep("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + quote(gone.name()), false,
                            "drop column " + gone.name() + " of " + after.name()));
                }
            }
        }
        for (ColumnState column : after.columns()) {
            ColumnState was = before == null ? null : before.columnNumbered(column.attnum()).orElse(null);
            ColumnState existing = columns.get(column.name());
            if (existing == null && was != null && !was.name().equals(column.name()) && columns.containsKey(was.name())) {
                steps.add(new DdlStep("ALTER TABLE " + table + " RENAME COLUMN " + quote(was.name()) + " TO " + quote(column.name()),
                        false, "rename column " + was.name() + " of " + after.name() + " to " + column.name()));
                existing = columns.remove(was.name());
                columns.put(column.name(), existing);
            }
            if (existing == null) {
                if (was == null) {
                    steps.add(addColumn(after.name(), column));
                    columns.put(column.name(), column);
                }
                // A column the source had before this command and the target lacks was left out on purpose
                // (rules exclude it, or the target was made without it): this command does not add it.
                continue;
            }
            alterColumn(steps, after.name(), column, was, existing);
        }
        for (ConstraintState added : after.constraints()) {
            boolean isNew = before == null || before.constraint(added.name()).isEmpty();
            if (isNew && current.constraint(added.name()).isEmpty()) {
                steps.add(new DdlStep("ALTER TABLE " + table + " ADD CONSTRAINT " + quote(added.name()) + " " + added.definition(),
                        false, "add constraint " + added.name() + " to " + after.name()));
            }
        }
        for (IndexState index : after.indexes()) {
            if (!index.constraint()) {
                planIndex(steps, document, index, current);
            }
        }
        return steps;
    }

    private static void planIndex(List<DdlStep> steps, DdlDocument document, IndexState index, TableState current) {
        TableName table = document.after().name();
        IndexState was = document.before() == null ? null : document.before().indexWithOid(index.oid()).orElse(null);
        Optional<IndexState> existing = current.index(index.name());
        if (existing.isPresent()) {
            if (!existing.get().valid()) {
                // What a CREATE INDEX CONCURRENTLY interrupted by a crash leaves: IF NOT EXISTS would keep it.
                steps.add(dropIndex(table, index.name(), document.concurrently()));
                steps.add(createIndex(table, index, document.concurrently()));
            }
            return;
        }
        if (was != null && !was.name().equals(index.name()) && current.index(was.name()).isPresent()) {
            steps.add(new DdlStep("ALTER INDEX " + quote(new TableName(table.schema(), was.name())) + " RENAME TO "
                    + quote(index.name()), false, "rename index " + was.name() + " of " + table + " to " + index.name()));
        } else if (was == null) {
            steps.add(createIndex(table, index, document.concurrently()));
        }
    }

    private static DdlStep createIndex(TableName table, IndexState index, boolean concurrently) {
        String sql = "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "")
                + "IF NOT EXISTS " + quote(index.name()) + " ON " + quote(table) + " USING " + index.body();
        return new DdlStep(sql, concurrently, "create index " + index.name() + " on " + table);
    }

    private static DdlStep dropIndex(TableName table, String index, boolean concurrently) {
        return new DdlStep("DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS "
                + quote(new TableName(table.schema(), index)), concurrently, "drop index " + index + " of " + table);
    }

    private static DdlStep addColumn(TableName table, ColumnState column) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(quote(table)).append(" ADD COLUMN IF NOT EXISTS ")
                .append(quote(column.name())).append(' ').append(column.type());
        if (column.generated()) {
            sql.append(" GENERATED ALWAYS AS (").append(column.defaultValue()).append(") STORED");
        } else if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(column.defaultValue());
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        return new DdlStep(sql.toString(), false, "add column " + column.name() + " " + column.type() + " to " + table);
    }

    /** Changes what this command changed (or everything, without a previous state) where the target still differs. */
    private static void alterColumn(List<DdlStep> steps, TableName table, ColumnState column, ColumnState was, ColumnState existing) {
        String prefix = "ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column.name());
        String where = " of column " + column.name() + " of " + table;
        if ((was == null || !was.type().equals(column.type())) && !existing.type().equals(column.type())) {
            steps.add(new DdlStep(prefix + " TYPE " + column.type() + " USING " + quote(column.name()) + "::" + column.type(),
                    false, "change the type" + where + " to " + column.type()));
        }
        if (!column.generated() && (was == null || !Objects.equals(was.defaultValue(), column.defaultValue()))
                && !Objects.equals(existing.defaultValue(), column.defaultValue())) {
            steps.add(column.defaultValue() == null
                    ? new DdlStep(prefix + " DROP DEFAULT", false, "drop the default" + where)
                    : new DdlStep(prefix + " SET DEFAULT " + column.defaultValue(), false,
                    "set the default" + where + " to " + column.defaultValue()));
        }
        if ((was == null || was.notNull() != column.notNull()) && existing.notNull() != column.notNull()) {
            steps.add(new DdlStep(prefix + (column.notNull() ? " SET NOT NULL" : " DROP NOT NULL"), false,
                    (column.notNull() ? "set" : "drop") + " NOT NULL" + where));
        }
    }

    private static List<ConstraintState> droppedConstraints(TableState before, TableState after) {
        List<ConstraintState> dropped = new ArrayList<>();
        if (before != null) {
            for (ConstraintState constraint : before.constraints()) {
                if (after.constraint(constraint.name()).isEmpty()) {
                    dropped.add(constraint);
                }
            }
        }
        return dropped;
    }

    static String describe(DdlDocument document) {
        return document.command() + (document.object() == null ? "" : " " + document.object());
    }
}
