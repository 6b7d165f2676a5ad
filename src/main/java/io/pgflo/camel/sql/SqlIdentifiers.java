package io.pgflo.camel.sql;

import io.pgflo.camel.event.TableName;

/** Quotes SQL identifiers, so mixed case, spaces and quotes in names are safe everywhere. */
public final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("empty SQL identifier");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SQL identifier contains a NUL byte");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String quote(TableName table) {
        return quote(table.schema()) + "." + quote(table.table());
    }
}
