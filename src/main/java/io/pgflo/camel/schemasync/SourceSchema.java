package io.pgflo.camel.schemasync;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.schemadump.ObjectName;
import io.pgflo.camel.schemadump.SchemaDumpException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Catalog questions schema sync asks the source. */
final class SourceSchema {

    /**
     * Types a set of tables' columns use, followed through arrays, domains' base types, composite types'
     * attributes and ranges' subtypes. Built-in types and types of extensions are left out: an extension
     * is not created by schema sync and must exist on the target.
     */
    private static final String USED_TYPES = """
            WITH RECURSIVE used(oid, depth) AS (
                SELECT a.atttypid, 0 FROM pg_attribute a
                WHERE a.attrelid = ANY (?::regclass[]) AND a.attnum > 0 AND NOT a.attisdropped
              UNION
                SELECT d.oid, u.depth + 1 FROM used u
                JOIN pg_type t ON t.oid = u.oid
                CROSS JOIN LATERAL (
                    SELECT t.typelem WHERE t.typcategory = 'A' AND t.typelem <> 0
                    UNION ALL SELECT t.typbasetype WHERE t.typtype = 'd'
                    UNION ALL SELECT a.atttypid FROM pg_attribute a
                        WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
                    UNION ALL SELECT r.rngsubtype FROM pg_range r WHERE t.typtype = 'r' AND r.rngtypid = t.oid
                ) d(oid)
                WHERE u.depth < 20
            )
            SELECT n.nspname, t.typname, max(u.depth) AS depth
            FROM used u JOIN pg_type t ON t.oid = u.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND (t.typtype IN ('e', 'd', 'r')
                   OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                              AND e.deptype = 'e')
            GROUP BY n.nspname, t.typname
            ORDER BY depth DESC, 1, 2""";

    /** Sequences the tables' column defaults call, owned by them (serial) or shared. */
    private static final String USED_SEQUENCES = """
            SELECT DISTINCT n.nspname, s.relname
            FROM pg_attrdef ad
            JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
            JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
            JOIN pg_namespace n ON n.oid = s.relnamespace
            WHERE ad.adrelid = ANY (?::regclass[])
            ORDER BY 1, 2""";

    private final Connection connection;
    private final String describe;

    SourceSchema(Connection connection, String describe) {
        this.connection = connection;
        this.describe = describe;
    }

    int serverMajor() throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion();
    }

    /**
     * The group's tables: those listed, each of which must exist, or every table of {@code schema}
     * (partitions included, so that they are created too).
     */
    List<TableName> groupTables(String schema, List<TableName> listed) throws SQLException {
        List<TableName> result = new ArrayList<>();
        if (listed.isEmpty()) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new TableName(schema, rs.getString(1)));
                    }
                }
            }
            return result;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relkind FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (TableName table : listed) {
                ps.setString(1, table.schema());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SchemaDumpException("table " + table + " (from --tables) does not exist in the source " + describe);
                    }
                    String kind = rs.getString(1);
                    if (!kind.equals("r") && !kind.equals("p")) {
                        throw new SchemaDumpException(table + " (from --tables) is not a table in the source " + describe
                                + " (relkind " + kind + "); expected a table");
                    }
                }
                result.add(table);
            }
        }
        return result;
    }

    List<ObjectName> typesUsedBy(List<TableName> tables) throws SQLException {
        return names(USED_TYPES, tables);
    }

    List<ObjectName> sequencesUsedBy(List<TableName> tables) throws SQLException {
        return names(USED_SEQUENCES, tables);
    }

    private List<ObjectName> names(String sql, List<TableName> tables) throws SQLException {
        List<ObjectName> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, regclasses(tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new ObjectName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return result;
    }

    private Array regclasses(List<TableName> tables) throws SQLException {
        String[] names = new String[tables.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = io.pgflo.camel.sql.SqlIdentifiers.quote(tables.get(i));
        }
        return connection.createArrayOf("text", names);
    }
}
