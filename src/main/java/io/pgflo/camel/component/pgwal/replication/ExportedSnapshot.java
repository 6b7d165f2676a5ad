package io.pgflo.camel.component.pgwal.replication;

import io.pgflo.camel.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot of the source that other connections can read at, held open by the connection that exported
 * it: the snapshot lives only while that connection is open and idle, so close it after the copy.
 */
public final class ExportedSnapshot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportedSnapshot.class);

    private final Connection holder;
    private final String name;
    private final Lsn position;

    private ExportedSnapshot(Connection holder, String name, Lsn position) {
        this.holder = holder;
        this.name = name;
        this.position = position;
    }

    /**
     * Creates the slot and exports the snapshot of its consistent point: copying at that snapshot and then
     * streaming the slot gives every change exactly once.
     */
    public static ExportedSnapshot createSlot(ConnectionSettings settings, String slot) throws SQLException {
        Connection replication = settings.openReplication();
        try {
            ReplicationSlotInfo info = replication.unwrap(PGConnection.class).getReplicationAPI()
                    .createReplicationSlot().logical().withSlotName(slot).withOutputPlugin("pgoutput").make();
            if (info.getSnapshotName() == null) {
                throw new IllegalStateException("the server created slot " + slot + " but exported no snapshot");
            }
            Lsn consistentPoint = Lsn.of(info.getConsistentPoint().asLong());
            LOG.info("Created replication slot {} at {} with snapshot {}", slot, consistentPoint, info.getSnapshotName());
            return new ExportedSnapshot(replication, info.getSnapshotName(), consistentPoint);
        } catch (SQLException | RuntimeException e) {
            replication.close();
            throw e;
        }
    }

    /**
     * Exports a snapshot of the source as it is now, from a transaction kept open; the position is the WAL
     * position at that moment.
     */
    public static ExportedSnapshot ofNow(ConnectionSettings settings) throws SQLException {
        Connection sql = settings.openSql();
        try {
            sql.setAutoCommit(false);
            sql.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement st = sql.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), pg_current_wal_lsn()::text")) {
                rs.next();
                return new ExportedSnapshot(sql, rs.getString(1), Lsn.parse(rs.getString(2)));
            }
        } catch (SQLException | RuntimeException e) {
            sql.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The slot's consistent point, or the WAL position when the snapshot was taken. */
    public Lsn position() {
        return position;
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (SQLException ignored) {
            // The snapshot ends with the connection either way.
        }
    }
}
