package io.pgflo.camel.component.pgwal.replication;

import io.pgflo.camel.pgoutput.Lsn;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The only user of pgjdbc's streaming API: one replication connection reading one slot.
 *
 * <p>Not thread-safe: pgjdbc's stream is not, so one thread must make every call, reads and status
 * updates alike. {@link #readPending()} never blocks, so that thread can keep status updates going.
 */
public final class ReplicationSession implements AutoCloseable {

    private final Connection connection;
    private final PGReplicationStream stream;
    private Lsn confirmed;

    private ReplicationSession(Connection connection, PGReplicationStream stream, Lsn confirmed) {
        this.connection = connection;
        this.stream = stream;
        this.confirmed = confirmed;
    }

    /**
     * Starts streaming the slot in text mode with protocol 1, so only committed transactions arrive, in
     * commit order.
     *
     * @param startAfter the last position confirmed by this process, or {@link Lsn#ZERO} to let the server
     *                   resume from the slot's confirmed position
     */
    public static ReplicationSession open(ConnectionSettings settings, String slot, String publication,
                                          Lsn startAfter, long statusIntervalMillis, boolean logicalMessages)
            throws SQLException {
        Connection connection = settings.openReplication();
        try {
            pinValueFormats(connection);
            var builder = connection.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(slot)
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", quoteLiteralList(publication))
                    .withStatusInterval((int) statusIntervalMillis, TimeUnit.MILLISECONDS)
                    // pgjdbc's automatic flush confirms a keepalive's WAL position once the last status it
                    // sent covers the start of the last message received. Once it has advanced, a later
                    // transaction's changes start below that position, so a keepalive in the middle of
                    // that transaction would confirm it before the route has it. The consumer advances
                    // idle slots itself, and only when nothing is in flight.
                    .withAutomaticFlush(false);
            if (logicalMessages) {
                builder.withSlotOption("messages", true);
            }
            if (!startAfter.isZero()) {
                builder.withStartPosition(LogSequenceNumber.valueOf(startAfter.value()));
            }
            return new ReplicationSession(connection, builder.start(), startAfter);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * pgoutput writes each value with its type's output function in this session, so the session's
     * settings decide the text: pin them, or a timestamptz would follow the replicator host's time zone.
     * The initial copy uses the same settings, so copied and streamed rows read the same.
     */
    public static void pinValueFormats(Connection connection) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            for (String setting : VALUE_FORMAT_SETTINGS) {
                st.execute(setting);
            }
        }
    }

    /** The settings {@link #pinValueFormats} applies. */
    public static final List<String> VALUE_FORMAT_SETTINGS = List.of("SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, MDY'",
            "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 3", "SET bytea_output = 'hex'");

    /** pgoutput parses publication_names as a list of identifiers, so a name with a comma must be quoted. */
    private static String quoteLiteralList(String publication) {
        return '"' + publication.replace("\"", "\"\"") + '"';
    }

    /** The next message's payload, or null when none is waiting. Sends a status update when one is due. */
    public ByteBuffer readPending() throws SQLException {
        return stream.readPending();
    }

    /**
     * The WAL position the server sent with the message just read or, when none is waiting, the larger
     * of that and the server's position from its latest keepalive.
     */
    public Lsn lastReceivedLsn() {
        return Lsn.of(stream.getLastReceiveLSN().asLong());
    }

    /** Records that everything up to {@code lsn} is durable downstream; the next status update sends it. */
    public void confirm(Lsn lsn) {
        if (lsn.isAfter(confirmed)) {
            LogSequenceNumber value = LogSequenceNumber.valueOf(lsn.value());
            stream.setFlushedLSN(value);
            stream.setAppliedLSN(value);
            confirmed = lsn;
        }
    }

    public Lsn confirmed() {
        return confirmed;
    }

    /** Sends a status update now, which also keeps the walsender from timing out. */
    public void sendStatus() throws SQLException {
        stream.forceUpdateStatus();
    }

    @Override
    public void close() {
        // Closing the connection rather than the stream: the stream's close waits for the server to end
        // the copy, which can take long while it is sending a large transaction.
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more can be done for a connection that fails to close.
        }
    }
}
