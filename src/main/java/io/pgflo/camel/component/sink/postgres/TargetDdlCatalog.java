package io.pgflo.camel.component.sink.postgres;

import io.pgflo.camel.ddl.DdlDocumentCodec;
import io.pgflo.camel.ddl.DdlScripts;
import io.pgflo.camel.ddl.TableState;
import io.pgflo.camel.event.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Describes a target table the way the source's event trigger describes a source table (the same query),
 * so DDL reconciliation compares like with like: types as {@code format_type} prints them with only
 * pg_catalog on the search path, defaults as {@code pg_get_expr} prints them. Always read live, never cached.
 */
final class TargetDdlCatalog {

    private static final String DESCRIBE = DdlScripts.describeQuery();

    private TargetDdlCatalog() {
    }

    static Optional<TableState> describe(Connection connection, TableName name) throws SQLException {
        String searchPath;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('search_path'), set_config('search_path', 'pg_catalog, pg_temp', true)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            searchPath = rs.getString(1);
        }
        try {
            Long oid = null;
            try (PreparedStatement ps = connection.prepareStatement("SELECT c.oid FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
                ps.setString(1, name.schema());
                ps.setString(2, name.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        oid = rs.getLong(1);
                    }
                }
            }
            if (oid == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = connection.prepareStatement(DESCRIBE)) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(DdlDocumentCodec.parseTable(rs.getString(1))) : Optional.empty();
                }
            }
        } finally {
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
    }
}
