package io.pgflo.camel.sink.postgres;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A run of UPDATEs or DELETEs of one shape that find their rows by the target's key, as one statement that
 * joins the target with the run's values: the server plans and executes once instead of once per row, and
 * the client binds one array per column instead of one parameter per value.
 *
 * <p>Each array holds the values as PostgreSQL text, and each is cast to its column's type, which reads it
 * with the same input function an untyped parameter uses. An UPDATE returns the ordinals of the rows it
 * found; the others need their fallback upsert, as a single UPDATE that touched no row would.
 *
 * @param sql            the statement; its parameters are {@code text[]}
 * @param arrays         one array literal per parameter
 * @param returnsOrdinals true for an UPDATE: it returns the 1-based position in the run of each row it updated
 */
public record SetBasedStatement(String sql, List<String> arrays, boolean returnsOrdinals) {

    /** Below this many rows, the run is sent as a batch of single-row statements. */
    public static final int MIN_ROWS = 8;

    /**
     * A longer run is cut into statements of at most this many rows. The planner sees how many rows the arrays
     * hold, and from a few thousand it prefers to hash the whole target table over probing its key index once
     * per row: updating 20,000 rows of a 1M-row table took 374 ms that way, 126 ms with the index.
     * Chunks this small keep the index for any table big enough for that to matter, and cost no more per row.
     */
    public static final int MAX_ROWS = 256;

    private static final ShapeCache<SqlStatement.ByKey, String> SQL = new ShapeCache<>(1024);

    /**
     * @param run statements with the same SQL, each with the same {@link SqlStatement#byKey()}
     * @return the set-based statement, or null when the run must be applied statement by statement: an UPDATE
     *         run that touches one key twice depends on the order of its statements
     */
    public static SetBasedStatement of(List<SqlStatement> run) {
        SqlStatement.ByKey shape = run.get(0).byKey();
        if (shape == null) {
            throw new IllegalArgumentException("not a statement that finds its row by the target's key: " + run.get(0).sql());
        }
        int width = shape.setColumns().size() + shape.keyColumns().size();
        if (!shape.delete() && !keysDistinct(run, shape.setColumns().size(), width)) {
            return null;
        }
        List<String> arrays = new ArrayList<>(width);
        StringBuilder array = new StringBuilder(64 * run.size());
        for (int column = 0; column < width; column++) {
            array.setLength(0);
            array.append('{');
            for (int i = 0; i < run.size(); i++) {
                if (i > 0) {
                    array.append(',');
                }
                appendElement(array, run.get(i).parameters().get(column));
            }
            arrays.add(array.append('}').toString());
        }
        return new SetBasedStatement(SQL.get(shape, () -> sql(shape)), arrays, !shape.delete());
    }

    private static boolean keysDistinct(List<SqlStatement> run, int firstKey, int width) {
        Set<List<String>> keys = new HashSet<>(run.size() * 2);
        for (SqlStatement statement : run) {
            if (!keys.add(statement.parameters().subList(firstKey, width))) {
                return false;
            }
        }
        return true;
    }

    /** An array element: NULL, or the text double-quoted with its quotes and backslashes escaped. */
    static void appendElement(StringBuilder out, String value) {
        if (value == null) {
            out.append("NULL");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static String sql(SqlStatement.ByKey shape) {
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < shape.setColumns().size(); i++) {
            arrays.add("?::text[]");
            names.add("c" + (i + 1));
        }
        StringJoiner match = new StringJoiner(" AND ", " WHERE ", "");
        for (int i = 0; i < shape.keyColumns().size(); i++) {
            arrays.add("?::text[]");
            names.add("k" + (i + 1));
            match.add("pgflo_t." + shape.keyColumns().get(i) + " = pgflo_v.k" + (i + 1) + "::" + shape.keyTypes().get(i));
        }
        if (shape.delete()) {
            return "DELETE FROM " + shape.table() + " AS pgflo_t USING " + arrays + " AS pgflo_v(" + names + ")" + match;
        }
        StringJoiner sets = new StringJoiner(", ");
        for (int i = 0; i < shape.setColumns().size(); i++) {
            sets.add(shape.setColumns().get(i) + " = pgflo_v.c" + (i + 1) + "::" + shape.setTypes().get(i));
        }
        return "UPDATE " + shape.table() + " AS pgflo_t SET " + sets + " FROM " + arrays + " WITH ORDINALITY AS pgflo_v("
                + names + ", ord)" + match + " RETURNING pgflo_v.ord";
    }
}
