package io.pgflo.camel.snapshot;

import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.TransactionInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Reads the ranges of a {@link CopyPlan} that are not finished yet, in parallel, all at one exported
 * snapshot. Each table gets up to {@code workersPerTable} workers, and at most {@code maxConnections}
 * workers run at once. A worker holds one connection and one snapshot transaction for all its ranges.
 */
public final class SnapshotCopier {

    /** Opens a plain SQL connection to the source, with the value formats the stream uses. */
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** Where copied rows go. Implementations make them durable downstream and may block when busy. */
    public interface Output {
        void rows(RangeKey range, List<ChangeEvent> rows) throws InterruptedException;

        /** Every row of the range was handed over. */
        void rangeRead(RangeKey range, long rows) throws InterruptedException;
    }

    // pg_export_snapshot() names look like 00000003-0000001B-1; anything else is refused before it reaches SQL.
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Fa-f-]+");

    private final Connections connections;
    private final String snapshotName;
    private final CopyPlan plan;
    private final List<CopyTable> tables;
    private final int workersPerTable;
    private final int maxConnections;
    private final RangeReader reader;
    private final CopyProgress progress;
    private final BooleanSupplier running;

    /**
     * @param tables the plan's tables, described, in the plan's order
     */
    public SnapshotCopier(Connections connections, String snapshotName, CopyPlan plan, List<CopyTable> tables,
                          int workersPerTable, int maxConnections, int chunkRows, long chunkBytes,
                          TransactionInfo snapshot, CopyProgress progress, BooleanSupplier running) {
        if (!SNAPSHOT_NAME.matcher(snapshotName).matches()) {
            throw new IllegalArgumentException("'" + snapshotName + "' is not an exported snapshot name");
        }
        if (tables.size() != plan.tables().size()) {
            throw new IllegalArgumentException("the plan has " + plan.tables().size() + " tables, described " + tables.size());
        }
        this.connections = connections;
        this.snapshotName = snapshotName;
        this.plan = plan;
        this.tables = List.copyOf(tables);
        this.workersPerTable = workersPerTable;
        this.maxConnections = maxConnections;
        this.reader = new RangeReader(chunkRows, chunkBytes, snapshot);
        this.progress = progress;
        this.running = running;
    }

    /**
     * Reads every range not in {@code finished}; returns when all were handed to the output.
     *
     * @throws Exception the first failure of any worker, after all of them stopped
     */
    public void run(Set<RangeKey> finished, Output output) throws Exception {
        List<Queue<RangeKey>> pending = new ArrayList<>();
        for (int t = 0; t < plan.tables().size(); t++) {
            Queue<RangeKey> queue = new ConcurrentLinkedQueue<>();
            for (int r = 0; r < plan.tables().get(t).ranges().size(); r++) {
                RangeKey key = new RangeKey(t, r);
                if (!finished.contains(key)) {
                    queue.add(key);
                }
            }
            pending.add(queue);
        }
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, maxConnections), r -> {
            Thread thread = new Thread(r, "pgflo-copy");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> workers = new ArrayList<>();
        try {
            // Workers are queued table by table, round robin, so every table starts early.
            for (int lane = 0; lane < workersPerTable; lane++) {
                for (int t = 0; t < pending.size(); t++) {
                    if (pending.get(t).size() > lane) {
                        Queue<RangeKey> queue = pending.get(t);
                        workers.add(pool.submit(() -> {
                            work(queue, output, failed);
                            return null;
                        }));
                    }
                }
            }
            Exception first = null;
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    failed.set(true);
                    if (first == null) {
                        first = e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void work(Queue<RangeKey> queue, Output output, AtomicBoolean failed) throws Exception {
        if (queue.isEmpty() || failed.get() || !running.getAsBoolean()) {
            return;
        }
        try (Connection connection = connections.open()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshotName + "'");
            }
            RangeKey key;
            while (!failed.get() && running.getAsBoolean() && (key = queue.poll()) != null) {
                CopyTable table = tables.get(key.table());
                RangeKey range = key;
                long rows = reader.read(connection, table, plan.range(key), chunk -> {
                    output.rows(range, chunk);
                    progress.rowsCopied(table.name(), chunk.size());
                });
                output.rangeRead(key, rows);
            }
            connection.rollback();
        } catch (Exception e) {
            failed.set(true);
            throw e;
        }
    }
}
