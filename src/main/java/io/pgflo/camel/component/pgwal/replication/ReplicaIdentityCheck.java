package io.pgflo.camel.component.pgwal.replication;

import io.pgflo.camel.event.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds published tables whose updates and deletes would carry no usable key: no primary key under
 * REPLICA IDENTITY DEFAULT, or REPLICA IDENTITY NOTHING.
 */
public final class ReplicaIdentityCheck {

    private ReplicaIdentityCheck() {
    }

    public static List<TableName> keylessTables(Connection connection, String publication) throws SQLException {
        List<TableName> keyless = new ArrayList<>();
        String sql = "SELECT n.nspname, c.relname FROM pg_publication_tables p"
                + " JOIN pg_namespace n ON n.nspname = p.schemaname"
                + " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = p.tablename"
                + " WHERE p.pubname = ? AND (c.relreplident = 'n' OR (c.relreplident = 'd' AND NOT EXISTS"
                + " (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)))"
                + " ORDER BY 1, 2";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keyless.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return keyless;
    }

    /** The warning for one table: what is wrong and the two ways to fix it. */
    public static String warning(TableName table) {
        String quoted = io.pgflo.camel.sql.SqlIdentifiers.quote(table);
        return "Table " + table + " has no replica identity key (no primary key, no REPLICA IDENTITY USING INDEX,"
                + " not REPLICA IDENTITY FULL): its UPDATEs and DELETEs cannot be replicated and PostgreSQL will"
                + " reject them while it is published. Add a primary key, or run ALTER TABLE " + quoted
                + " REPLICA IDENTITY FULL (or USING INDEX <unique index>).";
    }
}
