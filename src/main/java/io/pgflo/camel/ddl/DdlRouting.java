package io.pgflo.camel.ddl;

import io.pgflo.camel.event.TableName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.pgflo.camel.sql.SqlIdentifiers.quote;

/**
 * Applies routing's table and column renames to a DDL document, so the target reconciles its routed table.
 * What cannot be renamed safely (an index expression, a predicate or a check that names a renamed column;
 * a routed table renamed on the source) is marked unmappable with the reason, and the sink sends it to the
 * dead-letter stream instead of guessing.
 */
public final class DdlRouting {

    private DdlRouting() {
    }

    /**
     * @param routes the mapping of a source table, or null when routing leaves it alone
     * @return the document with target names, the same document when no route applies, or one marked unmappable
     */
    public static DdlDocument route(DdlDocument document, Function<TableName, TableMapping> routes) {
        TableName afterName = document.after().name();
        TableMapping afterRoute = routes.apply(afterName);
        TableMapping beforeRoute = document.before() == null ? null : routes.apply(document.before().name());
        if (afterRoute == null && beforeRoute == null) {
            return document;
        }
        if (afterRoute == null) {
            TableName old = document.before().name();
            return document.unmappable("the source renamed routed table " + old + " to " + afterName
                    + "; the routing file routes " + old + ", so rows of " + afterName
                    + " would go to a table of that name. Route " + afterName + " in the routing file");
        }
        try {
            TableState before = document.before() == null ? null
                    : beforeRoute == null ? document.before() : map(document.before(), beforeRoute, false, null, document);
            return document.withStates(before, map(document.after(), afterRoute, true, document.before(), document));
        } catch (DdlMappingException e) {
            return document.unmappable(e.getMessage());
        }
    }

    /**
     * Maps one description. An index or constraint that cannot be rewritten only matters when this command
     * creates it: one that stays as it was is kept unrewritten (the planner leaves unchanged objects alone,
     * and a drop needs only the name), so an old expression index does not block later DDL of its table.
     *
     * @param isAfter  whether {@code table} is the description after the command
     * @param previous the source's description before the command, when mapping the one after it
     */
    private static TableState map(TableState table, TableMapping route, boolean isAfter, TableState previous,
                                  DdlDocument document) {
        List<ColumnState> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ColumnState column : table.columns()) {
            String name = route.column(column.name());
            if (!names.add(name)) {
                throw new DdlMappingException("routing renames a column of " + table.name() + " to '" + name
                        + "', which another column of the table has; expected destination names no other column has");
            }
            columns.add(name.equals(column.name()) ? column : column.withName(name));
        }
        Map<String, String> renames = route.columnRenames();
        List<IndexState> indexes = new ArrayList<>();
        for (IndexState index : table.indexes()) {
            String renamed = mentioned(renames, index.body());
            if (renamed == null) {
                indexes.add(index);
            } else if (index.expressions() || index.predicate() != null) {
                if (!isAfter || createdBefore(index, previous)) {
                    indexes.add(index);
                    continue;
                }
                if (previous == null && !(table.name().schema() + "." + index.name()).equals(document.object())) {
                    // Without a previous description every index looks new; only the command's own is its change.
                    continue;
                }
                throw new DdlMappingException("index " + index.name() + " of " + table.name() + " uses column " + renamed
                        + ", which routing renames, in an expression or a WHERE clause (" + index.body()
                        + "); expressions are not rewritten. Create the index on the target yourself");
            } else {
                List<String> keys = renameAll(index.keys(), route, table);
                List<String> include = renameAll(index.include(), route, table);
                StringJoiner body = new StringJoiner(", ", index.method() + " (", ")");
                keys.forEach(body::add);
                String text = body.toString();
                if (!include.isEmpty()) {
                    text += " INCLUDE (" + String.join(", ", include) + ")";
                }
                indexes.add(index.withKeys(keys, include, text));
            }
        }
        List<ConstraintState> constraints = new ArrayList<>();
        for (ConstraintState constraint : table.constraints()) {
            String renamed = mentioned(renames, constraint.definition());
            if (renamed == null && constraint.columns().stream().noneMatch(renames::containsKey)) {
                constraints.add(constraint);
            } else if (constraint.isKeyLike() && !constraint.definition().contains(" INCLUDE ")) {
                StringJoiner columnList = new StringJoiner(", ", ("p".equals(constraint.type()) ? "PRIMARY KEY" : "UNIQUE") + " (", ")");
                List<String> mapped = new ArrayList<>();
                for (String column : constraint.columns()) {
                    mapped.add(route.column(column));
                    columnList.add(quote(route.column(column)));
                }
                constraints.add(new ConstraintState(constraint.name(), constraint.type(), columnList.toString(), mapped));
            } else if (!isAfter || (previous != null && previous.constraint(constraint.name()).isPresent())) {
                constraints.add(constraint);
            } else {
                throw new DdlMappingException("constraint " + constraint.name() + " of " + table.name() + " (" + constraint.definition()
                        + ") uses column " + (renamed == null ? constraint.columns() : renamed)
                        + ", which routing renames; its definition is not rewritten. Create it on the target yourself");
            }
        }
        return new TableState(route.to(), columns, indexes, constraints);
    }

    private static boolean createdBefore(IndexState index, TableState previous) {
        return previous != null && previous.indexWithOid(index.oid()).isPresent();
    }

    private static List<String> renameAll(List<String> keys, TableMapping route, TableState table) {
        List<String> result = new ArrayList<>();
        for (String key : keys) {
            String column = columnOf(key, table);
            result.add(column == null ? key : quote(route.column(column)));
        }
        return result;
    }

    /** The column a plain index key names, quoted or not; null for an expression. */
    private static String columnOf(String key, TableState table) {
        for (ColumnState column : table.columns()) {
            if (key.equals(column.name()) || key.equals(quote(column.name()))) {
                return column.name();
            }
        }
        return null;
    }

    /** The first renamed source column that the SQL text names, or null. */
    static String mentioned(Map<String, String> renames, String sql) {
        if (sql == null) {
            return null;
        }
        for (String column : renames.keySet()) {
            if (renames.get(column).equals(column)) {
                continue;
            }
            Pattern word = Pattern.compile("(?<![A-Za-z0-9_$\"])" + Pattern.quote(column) + "(?![A-Za-z0-9_$\"])");
            if (word.matcher(sql).find() || sql.contains(quote(column))) {
                return column;
            }
        }
        return null;
    }
}
