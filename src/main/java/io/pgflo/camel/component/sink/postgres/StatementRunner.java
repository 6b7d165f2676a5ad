package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.sink.postgres.SetBasedStatement;
import io.pgflo.camel.sink.postgres.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Runs statements in the order they are added, with few round trips: consecutive statements with the same
 * SQL go to the server together. A long run of upserts of one shape (an initial copy, a bulk load) is first
 * tried as one COPY into the target (see {@link CopyInsert}), streamed while later statements are still being
 * added. A run of UPDATEs or DELETEs by the target's key becomes one set-based statement (see
 * {@link SetBasedStatement}); any other run is one JDBC batch. An UPDATE that found no row is followed by its
 * upsert. Not thread-safe: one runner per transaction.
 */
final class StatementRunner {

    /** Below this many rows the savepoint's round trips cost more than COPY saves. */
    static final int COPY_MIN_ROWS = 256;

    private final Connection connection;
    private final boolean binaryCopy;
    private List<SqlStatement> group = new ArrayList<>();
    private CopyInsert copy;
    private boolean staleTypes;

    /** @param binaryCopy whether a COPY may send its rows in binary where the columns' types allow it */
    StatementRunner(Connection connection, boolean binaryCopy) {
        this.connection = connection;
        this.binaryCopy = binaryCopy;
    }

    /** Runs the statements in order; a COPY among them goes as text. */
    static void run(Connection connection, List<SqlStatement> statements) throws SQLException {
        StatementRunner runner = new StatementRunner(connection, false);
        try {
            for (SqlStatement statement : statements) {
                runner.add(statement);
            }
            runner.flush();
        } finally {
            runner.abandon();
        }
    }

    /** Adds a statement, running the ones before it that it cannot go with. */
    void add(SqlStatement statement) throws SQLException {
        if (!group.isEmpty() && !group.get(0).sql().equals(statement.sql())) {
            flush();
        }
        group.add(statement);
        if (copy != null) {
            copy.add(statement);
        } else if (group.size() == COPY_MIN_ROWS && statement.insert() != null) {
            copy = CopyInsert.open(connection, statement, binaryCopy);
            if (copy != null) {
                group.forEach(copy::add);
            }
        }
    }

    /** Runs every statement added so far. */
    void flush() throws SQLException {
        if (group.isEmpty()) {
            return;
        }
        List<SqlStatement> run = group;
        group = new ArrayList<>();
        CopyInsert copying = copy;
        copy = null;
        staleTypes |= copying != null && copying.staleTypes();
        if (copying != null && copying.finish()) {
            return;
        }
        runGroup(connection, run);
    }

    /** Whether a COPY found a column of another type on the target than planned: the caller reads the tables again. */
    boolean staleTypes() {
        return staleTypes || (copy != null && copy.staleTypes());
    }

    /** Stops a COPY in progress when the transaction is given up; the caller rolls back. */
    void abandon() {
        if (copy != null) {
            copy.abandon();
            copy = null;
        }
        group.clear();
    }

    private static void runGroup(Connection connection, List<SqlStatement> group) throws SQLException {
        if (group.size() >= SetBasedStatement.MIN_ROWS && group.get(0).byKey() != null) {
            // Chunks run in order, each after the one before and its fallbacks, as the single statements would.
            for (int from = 0; from < group.size(); from += SetBasedStatement.MAX_ROWS) {
                List<SqlStatement> chunk = group.subList(from, Math.min(group.size(), from + SetBasedStatement.MAX_ROWS));
                SetBasedStatement set = chunk.size() >= SetBasedStatement.MIN_ROWS ? SetBasedStatement.of(chunk) : null;
                if (set != null) {
                    runSetBased(connection, chunk, set);
                } else {
                    runBatch(connection, chunk);
                }
            }
            return;
        }
        runBatch(connection, group);
    }

    private static void runBatch(Connection connection, List<SqlStatement> group) throws SQLException {
        int[] counts;
        try (PreparedStatement ps = connection.prepareStatement(group.get(0).sql())) {
            if (group.size() == 1) {
                bind(ps, group.get(0).parameters());
                counts = new int[] {ps.executeUpdate()};
            } else {
                for (SqlStatement statement : group) {
                    bind(ps, statement.parameters());
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
        }
        List<SqlStatement> fallbacks = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0 && group.get(i).ifNoRow() != null) {
                fallbacks.add(group.get(i).ifNoRow());
            }
        }
        // Statements of one group are UPDATEs of one table, so later ones never depend on an earlier
        // fallback's row: each fallback writes its change's full new row. One at a time: two of them may
        // upsert one key, which a multi-row INSERT (how the driver rewrites a batch) rejects.
        for (SqlStatement fallback : fallbacks) {
            runBatch(connection, List.of(fallback));
        }
    }

    private static void runSetBased(Connection connection, List<SqlStatement> run, SetBasedStatement set)
            throws SQLException {
        BitSet found = new BitSet(run.size());
        try (PreparedStatement ps = connection.prepareStatement(set.sql())) {
            for (int i = 0; i < set.arrays().size(); i++) {
                ps.setObject(i + 1, set.arrays().get(i), Types.OTHER);
            }
            if (!set.returnsOrdinals()) {
                ps.executeUpdate();
                return;
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.set(rs.getInt(1) - 1);
                }
            }
        }
        List<SqlStatement> fallbacks = new ArrayList<>();
        for (int i = found.nextClearBit(0); i < run.size(); i = found.nextClearBit(i + 1)) {
            if (run.get(i).ifNoRow() != null) {
                fallbacks.add(run.get(i).ifNoRow());
            }
        }
        // The run touches each key once, so its fallbacks can go together, in any order.
        run(connection, fallbacks);
    }

    private static void bind(PreparedStatement ps, List<String> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            String value = parameters.get(i);
            if (value == null) {
                ps.setNull(i + 1, Types.OTHER);
            } else {
                // Untyped: the server reads the text with the target column's own input function.
                ps.setObject(i + 1, value, Types.OTHER);
            }
        }
    }
}
