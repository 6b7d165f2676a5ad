package io.pgflo.camel.schemadump;

import io.pgflo.camel.event.TableName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * pg_dump's argument lists for schema sync. Connection settings are not among them: they reach pg_dump
 * through PGHOST, PGPASSWORD and the like, so no secret is ever on a command line.
 */
public final class PgDumpArguments {

    /**
     * Owners, grants and tablespaces name roles and tablespaces of the source, which the target may not
     * have; the target's objects belong to the sink's user instead.
     */
    private static final List<String> SCHEMA_ONLY = List.of("--schema-only", "--no-owner", "--no-privileges",
            "--no-tablespaces", "--no-security-labels");

    private PgDumpArguments() {
    }

    /**
     * The listed tables and sequences with their columns, defaults, constraints, indexes, triggers and the
     * sequences they own. Each name is matched exactly; a name that matches nothing fails the dump.
     */
    public static List<String> relations(Collection<TableName> relations) {
        if (relations.isEmpty()) {
            throw new IllegalArgumentException("no relations to dump");
        }
        List<String> args = new ArrayList<>(SCHEMA_ONLY);
        args.add("--strict-names");
        for (TableName relation : relations) {
            args.add("--table=" + exact(relation.schema()) + "." + exact(relation.table()));
        }
        return args;
    }

    /**
     * Every object of the schemas except their tables, views and sequences: the schemas' types and domains
     * are picked from this dump, since pg_dump has no switch that selects a single type.
     */
    public static List<String> typesOf(Collection<String> schemas) {
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("no schemas to dump");
        }
        List<String> args = new ArrayList<>(SCHEMA_ONLY);
        for (String schema : schemas) {
            args.add("--schema=" + exact(schema));
        }
        for (String schema : schemas) {
            args.add("--exclude-table=" + exact(schema) + ".*");
        }
        return args;
    }

    /**
     * A pattern that matches exactly this name: inside double quotes pg_dump takes every character
     * literally, wildcards and dots included, and a double quote is written twice.
     */
    static String exact(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
