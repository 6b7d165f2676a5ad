package io.pgflo.camel.component.pgwal.replication;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or reuses the publication: the listed tables, or every table of a schema. Tables that are
 * listed but missing from an existing publication are added; nothing is ever removed from it.
 */
public final class PublicationSetup {

    private static final Logger LOG = LoggerFactory.getLogger(PublicationSetup.class);

    private final Connection connection;

    public PublicationSetup(Connection connection) {
        this.connection = connection;
    }

    /**
     * Ensures the publication exists and covers {@code tables} (or {@code schema} when tables is empty).
     *
     * @throws SQLException           on a database error
     * @throws IllegalStateException  when a table does not exist, or the publication is missing and may
     *                                not be created
     */
    public void ensure(String publication, String schema, List<TableName> tables, boolean create) throws SQLException {
        for (TableName table : tables) {
            requireTableExists(table);
        }
        if (tables.isEmpty()) {
            requireSchemaExists(schema);
        }
        boolean exists = publicationExists(publication);
        if (!exists && !create) {
            throw new IllegalStateException("publication '" + publication + "' does not exist and createPublication is false");
        }
        if (!exists) {
            create(publication, schema, tables);
            return;
        }
        if (!tables.isEmpty() && create) {
            addMissing(publication, tables);
        }
    }

    /** The tables the publication covers now, for identity checks and logging. */
    public List<TableName> publishedTables(String publication) throws SQLException {
        List<TableName> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ? ORDER BY 1, 2")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return result;
    }

    private void create(String publication, String schema, List<TableName> tables) throws SQLException {
        String target;
        if (!tables.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            for (TableName table : tables) {
                quoted.add(SqlIdentifiers.quote(table));
            }
            target = "TABLE " + String.join(", ", quoted);
        } else if (connection.getMetaData().getDatabaseMajorVersion() >= 15) {
            target = "TABLES IN SCHEMA " + SqlIdentifiers.quote(schema);
        } else {
            throw new IllegalStateException("publishing a whole schema needs PostgreSQL 15 or later; list the tables"
                    + " with the 'tables' option instead");
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE PUBLICATION " + SqlIdentifiers.quote(publication) + " FOR " + target);
        }
        LOG.info("Created publication {} for {}", publication, tables.isEmpty() ? "schema " + schema : tables);
    }

    private void addMissing(String publication, List<TableName> tables) throws SQLException {
        Set<TableName> missing = new LinkedHashSet<>(tables);
        missing.removeAll(publishedTables(publication));
        for (TableName table : missing) {
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER PUBLICATION " + SqlIdentifiers.quote(publication) + " ADD TABLE " + SqlIdentifiers.quote(table));
            }
            LOG.info("Added table {} to publication {}", table, publication);
        }
    }

    private boolean publicationExists(String publication) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void requireTableExists(TableName table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("table " + table + " does not exist in database "
                            + connection.getCatalog() + " (listed in option 'tables')");
                }
            }
        }
    }

    private void requireSchemaExists(String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("schema '" + schema + "' does not exist (option 'schema')");
                }
            }
        }
    }
}
