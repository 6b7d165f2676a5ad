package io.pgflo.camel.snapshot;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.PgTypeNames;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Finds the tables to copy in the source's catalog and describes them. */
public final class SourceTables {

    private static final long FIRST_USER_OID = 16384;

    private static final String TABLES_OF_SCHEMA = """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relkind = 'r' AND c.relpersistence = 'p' ORDER BY c.relname""";

    private static final String TABLE = """
            SELECT c.oid, c.relreplident, c.reltuples::bigint,
                   pg_relation_size(c.oid) / current_setting('block_size')::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')""";

    // The key columns are the ones pgoutput marks: the primary key's under REPLICA IDENTITY DEFAULT, the
    // chosen index's under INDEX, all under FULL.
    private static final String COLUMNS = """
            SELECT a.attname, a.atttypid, a.atttypmod, tn.nspname, t.typname,
                   CASE c.relreplident
                     WHEN 'f' THEN true
                     WHEN 'd' THEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary
                                           AND a.attnum = ANY (i.indkey))
                     WHEN 'i' THEN EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident
                                           AND a.attnum = ANY (i.indkey))
                     ELSE false END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum""";

    private SourceTables() {
    }

    /**
     * The tables to copy: the named ones, or every permanent table of the schema when none is named.
     *
     * @param requireKey whether every table needs a replica identity (to stream after the copy)
     * @throws IllegalArgumentException naming a table that does not exist, or that has no usable key
     */
    public static List<CopyTable> resolve(Connection sql, String schema, List<TableName> named, boolean requireKey)
            throws SQLException {
        List<TableName> names = named.isEmpty() ? tablesOf(sql, schema) : named;
        List<CopyTable> tables = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> keyless = new ArrayList<>();
        for (TableName name : names) {
            CopyTable table = describe(sql, name);
            if (table == null) {
                missing.add(name.toString());
            } else if (requireKey && !table.hasKey()) {
                keyless.add(name.toString());
            } else {
                tables.add(table);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cannot copy " + String.join(", ", missing) + ": no such table in the"
                    + " source database");
        }
        if (!keyless.isEmpty()) {
            throw new IllegalArgumentException("cannot copy and stream " + String.join(", ", keyless) + ": no primary key"
                    + " or replica identity, so later updates and deletes could not find the copied rows. Add a primary"
                    + " key, or ALTER TABLE ... REPLICA IDENTITY FULL (or USING INDEX)");
        }
        return tables;
    }

    private static List<TableName> tablesOf(Connection sql, String schema) throws SQLException {
        List<TableName> names = new ArrayList<>();
        try (PreparedStatement ps = sql.prepareStatement(TABLES_OF_SCHEMA)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(new TableName(schema, rs.getString(1)));
                }
            }
        }
        return names;
    }

    private static CopyTable describe(Connection sql, TableName name) throws SQLException {
        long oid;
        ReplicaIdentity identity;
        long estimate;
        long pages;
        try (PreparedStatement ps = sql.prepareStatement(TABLE)) {
            ps.setString(1, name.schema());
            ps.setString(2, name.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                oid = rs.getLong(1);
                identity = identity(rs.getString(2).charAt(0));
                estimate = rs.getLong(3);
                pages = rs.getLong(4);
            }
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement ps = sql.prepareStatement(COLUMNS)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long typeOid = rs.getLong(2);
                    columns.add(new ColumnInfo(rs.getString(1), typeOid, typeName(typeOid, rs.getString(4), rs.getString(5)),
                            rs.getInt(3), rs.getBoolean(6)));
                }
            }
        }
        return new CopyTable(name, columns, identity, pages, estimate < 0 ? -1 : estimate);
    }

    /** The name the stream would give the type: built-in names bare, custom types qualified outside public. */
    private static String typeName(long oid, String namespace, String name) {
        String builtIn = PgTypeNames.builtIn(oid);
        if (builtIn != null || oid < FIRST_USER_OID) {
            return builtIn;
        }
        return "public".equals(namespace) || "pg_catalog".equals(namespace) ? name : namespace + "." + name;
    }

    private static ReplicaIdentity identity(char code) {
        for (ReplicaIdentity identity : ReplicaIdentity.values()) {
            if (identity.code() == code) {
                return identity;
            }
        }
        throw new IllegalStateException("unknown relreplident '" + code + "'");
    }
}
