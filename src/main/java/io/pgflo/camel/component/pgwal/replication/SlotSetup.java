package io.pgflo.camel.component.pgwal.replication;

import io.pgflo.camel.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Creates the permanent pgoutput slot when it is missing, and checks an existing one fits. */
public final class SlotSetup {

    private static final String DUPLICATE_OBJECT = "42710";

    private SlotSetup() {
    }

    /**
     * Ensures the slot exists.
     *
     * @return true when this call created it
     * @throws IllegalStateException when the slot exists for another plugin or database, or is missing
     *                               and may not be created
     */
    public static boolean ensure(ConnectionSettings settings, Connection sql, String slot, boolean create)
            throws SQLException {
        if (confirmedPosition(settings, sql, slot).isPresent()) {
            return false;
        }
        if (!create) {
            throw new IllegalStateException("replication slot '" + slot + "' does not exist and createSlot is false");
        }
        // The snapshot it exports is not needed here; closing lets it go.
        try (ExportedSnapshot created = ExportedSnapshot.createSlot(settings, slot)) {
            return true;
        } catch (SQLException e) {
            if (DUPLICATE_OBJECT.equals(e.getSQLState())) {
                // Another process created it between our look and our create; it is the same slot.
                return false;
            }
            throw e;
        }
    }

    /**
     * The slot's confirmed position, checking that it fits; empty when the slot does not exist.
     */
    public static Optional<Lsn> confirmedPosition(ConnectionSettings settings, Connection sql, String slot)
            throws SQLException {
        try (PreparedStatement ps = sql.prepareStatement("SELECT plugin, database, slot_type,"
                + " coalesce(confirmed_flush_lsn, restart_lsn)::text FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                requireFits(slot, rs.getString(1), rs.getString(2), rs.getString(3), settings.database());
                return Optional.of(Lsn.parse(rs.getString(4)));
            }
        }
    }

    private static void requireFits(String slot, String plugin, String database, String type, String expectedDatabase) {
        if (!"logical".equals(type) || !"pgoutput".equals(plugin)) {
            throw new IllegalStateException("replication slot '" + slot + "' exists but is a " + type + " slot with plugin "
                    + plugin + "; expected a logical slot with plugin pgoutput. Drop it or choose another slot name.");
        }
        if (!expectedDatabase.equals(database)) {
            throw new IllegalStateException("replication slot '" + slot + "' belongs to database '" + database
                    + "', not '" + expectedDatabase + "'. Choose another slot name.");
        }
    }
}
