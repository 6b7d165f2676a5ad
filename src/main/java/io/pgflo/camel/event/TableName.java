package io.pgflo.camel.event;

import java.util.Objects;

/** A schema-qualified table name, kept unquoted; quoting is the SQL writer's job. */
public record TableName(String schema, String table) {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /**
     * Parses {@code table} or {@code schema.table}; an unqualified name takes {@code defaultSchema}.
     * A name holding a dot that is not a separator can be written with double quotes: {@code "a.b"}.
     */
    public static TableName parse(String text, String defaultSchema) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty table name; expected table or schema.table");
        }
        int split = separatorIndex(trimmed);
        if (split < 0) {
            return new TableName(defaultSchema, unquote(trimmed));
        }
        String schema = trimmed.substring(0, split);
        String table = trimmed.substring(split + 1);
        if (schema.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a table name; expected table or schema.table");
        }
        return new TableName(unquote(schema), unquote(table));
    }

    private static int separatorIndex(String text) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                if (found >= 0) {
                    throw new IllegalArgumentException("'" + text + "' has more than one dot; expected table or schema.table");
                }
                found = i;
            }
        }
        return found;
    }

    private static String unquote(String part) {
        if (part.length() >= 2 && part.startsWith("\"") && part.endsWith("\"")) {
            return part.substring(1, part.length() - 1).replace("\"\"", "\"");
        }
        return part;
    }

    // Written out: a record's generated equals and hashCode go through method handles, which cost more than
    // the comparison until compiled, and a sink looks a table up for every row.
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TableName other && schema.equals(other.schema) && table.equals(other.table);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + table.hashCode();
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
