package io.pgflo.camel.routing;

import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.TableName;
import java.util.EnumSet;
import java.util.Map;

/**
 * Where one source table's changes go: the destination table, the column renames, and the operations that
 * pass (never empty: a route without an {@code operations} list passes all of them).
 *
 * @param source        the file the route was read from, for error messages
 * @param from          the source table
 * @param to            the destination table
 * @param columnRenames source column name to destination name; unlisted columns keep their names
 * @param operations    the operations that pass
 */
record Route(String source, TableName from, TableName to, Map<String, String> columnRenames,
             EnumSet<Operation> operations) {

    Route {
        columnRenames = Map.copyOf(columnRenames);
        operations = EnumSet.copyOf(operations);
    }

    boolean passes(Operation operation) {
        return operations.contains(operation);
    }

    /** The column's name at the destination. */
    String rename(String column) {
        return columnRenames.getOrDefault(column, column);
    }

    RoutingException error(String key, String problem) {
        return new RoutingException(source + ": table " + from + ": " + key + ": " + problem);
    }
}
