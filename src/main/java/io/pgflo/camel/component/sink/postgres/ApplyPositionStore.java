package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The last position applied to the target, kept in a table of the target and written in the same
 * transaction as the changes: a batch redelivered after a crash is recognised and skipped, so even
 * keyless tables receive each change exactly once.
 */
final class ApplyPositionStore {

    private final TableName table;
    private final String key;

    ApplyPositionStore(TableName table, String key) {
        this.table = table;
        this.key = key;
    }

    void create(Connection connection) throws SQLException {
        // CREATE TABLE IF NOT EXISTS still needs CREATE on the schema; a user without it can use an existing table.
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, SqlIdentifiers.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + SqlIdentifiers.quote(table)
                    + " (sink text PRIMARY KEY, position text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
        }
    }

    Position read(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT position FROM " + SqlIdentifiers.quote(table) + " WHERE sink = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Position.parse(rs.getString(1)) : null;
            }
        }
    }

    void write(Connection connection, Position position) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + SqlIdentifiers.quote(table)
                + " (sink, position, updated_at) VALUES (?, ?, now()) ON CONFLICT (sink) DO UPDATE"
                + " SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at")) {
            ps.setString(1, key);
            ps.setString(2, position.toString());
            ps.executeUpdate();
        }
    }
}
