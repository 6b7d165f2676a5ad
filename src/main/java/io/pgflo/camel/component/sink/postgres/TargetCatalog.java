package io.pgflo.camel.component.sink.postgres;

import static io.pgflo.camel.sql.SqlIdentifiers.quote;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.sink.postgres.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads target tables' columns, column types and keys once and caches them. The key is the primary key, else a
 * non-partial unique index whose columns are all NOT NULL (so '=' finds the row), else none.
 */
final class TargetCatalog {

    private final Map<TableName, TargetTable> tables = new HashMap<>();
    /** The table last asked for: a batch asks for the same one for thousands of rows in a row. */
    private TableName lastName;
    private TargetTable last;

    TargetTable table(Connection connection, TableName name) throws SQLException {
        if (name == lastName && last != null) {
            return last;
        }
        TargetTable cached = tables.get(name);
        if (cached != null) {
            lastName = name;
            last = cached;
            return cached;
        }
        Set<String> columns = new LinkedHashSet<>();
        Map<String, String> types = new HashMap<>();
        Map<String, Long> typeOids = new HashMap<>();
        Map<String, Long> domains = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname, a.atttypid, t.typtype, tn.nspname, t.typname FROM pg_attribute a"
                        + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace"
                        + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
                        + " AND a.attgenerated = '' ORDER BY a.attnum")) {
            ps.setString(1, name.schema());
            ps.setString(2, name.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    columns.add(column);
                    typeOids.put(column, rs.getLong(2));
                    if ("d".equals(rs.getString(3))) {
                        domains.put(column, rs.getLong(2));
                    } else {
                        types.put(column, castName(rs.getString(4), rs.getString(5)));
                    }
                }
            }
        }
        for (Map.Entry<String, Long> domain : domains.entrySet()) {
            types.put(domain.getKey(), baseTypeCastName(connection, domain.getValue()));
        }
        if (columns.isEmpty()) {
            throw new SQLException("target table " + name + " does not exist; create it, or route the source table to an"
                    + " existing one with a routing file", "42P01");
        }
        TargetTable table = new TargetTable(name, columns, key(connection, name), types, typeOids);
        tables.put(name, table);
        return table;
    }

    /** Quoted, so that "bit" or "bpchar" is not read as the SQL keyword that means a length of one. */
    private static String castName(String schema, String type) {
        return quote(schema) + "." + quote(type);
    }

    /**
     * A domain's column is cast to the domain's base type: a cast to the domain itself would cut a value too
     * long for its varchar(n) or char(n), where an untyped parameter raises an error. The assignment to the
     * column still checks the domain's length and constraints.
     */
    private static String baseTypeCastName(Connection connection, long domain) throws SQLException {
        long type = domain;
        try (PreparedStatement ps = connection.prepareStatement("SELECT t.typbasetype, b.typtype, bn.nspname, b.typname"
                + " FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype JOIN pg_namespace bn ON bn.oid = b.typnamespace"
                + " WHERE t.oid = ?")) {
            while (true) {
                ps.setLong(1, type);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("type " + type + " of a target column has no base type in pg_type");
                    }
                    if (!"d".equals(rs.getString(2))) {
                        return castName(rs.getString(3), rs.getString(4));
                    }
                    type = rs.getLong(1);
                }
            }
        }
    }

    /** Whether the table's description is at hand without reading the catalog; true for null, which needs none. */
    boolean holds(TableName name) {
        return name == null || (name == lastName && last != null) || tables.containsKey(name);
    }

    /** Forgets what it read, after the target's schema may have changed. */
    void clear() {
        tables.clear();
        lastName = null;
        last = null;
    }

    private static List<String> key(Connection connection, TableName name) throws SQLException {
        String sql = "SELECT i.indisprimary, array_agg(a.attname ORDER BY k.ord) AS cols,"
                + " bool_and(a.attnotnull) AS not_null"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
                + " WHERE n.nspname = ? AND c.relname = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL"
                + " AND i.indisvalid GROUP BY i.indexrelid, i.indisprimary ORDER BY i.indisprimary DESC, count(*), i.indexrelid";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name.schema());
            ps.setString(2, name.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1) || rs.getBoolean(3)) {
                        List<String> key = new ArrayList<>();
                        for (Object column : (Object[]) rs.getArray(2).getArray()) {
                            key.add((String) column);
                        }
                        return key;
                    }
                }
            }
        }
        return List.of();
    }
}
