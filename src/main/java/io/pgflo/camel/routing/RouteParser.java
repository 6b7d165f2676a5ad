package io.pgflo.camel.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.rules.StrictYaml;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one route of a routing file, checking every key; errors name the file, the table and the key. */
final class RouteParser {

    private static final List<String> KEYS = List.of("source_table", "destination_table", "destination_schema",
            "column_mappings", "operations");
    private static final List<String> MAPPING_KEYS = List.of("source", "destination");
    private static final List<Operation> OPERATIONS = List.of(Operation.INSERT, Operation.UPDATE, Operation.DELETE,
            Operation.TRUNCATE);

    private final String source;
    private final TableName from;
    private final JsonNode node;

    private RouteParser(String source, TableName from, JsonNode node) {
        this.source = source;
        this.from = from;
        this.node = node;
    }

    /**
     * @param from the table the route's key names, resolved against the default schema
     */
    static Route parse(String source, TableName from, JsonNode node, String defaultSchema) {
        return new RouteParser(source, from, node).parse(defaultSchema);
    }

    private Route parse(String defaultSchema) {
        if (!node.isObject()) {
            throw error("expected a mapping with destination_table, column_mappings and operations, got "
                    + StrictYaml.describe(node));
        }
        allowOnly();
        checkSourceTable(defaultSchema);
        return new Route(source, from, destination(), columnRenames(), operations());
    }

    private void allowOnly() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw error(name, "unknown key; expected one of " + String.join(", ", KEYS));
            }
        }
    }

    /**
     * pg_flo routed by the map key and ignored {@code source_table}; a {@code source_table} naming another
     * table would be silently ignored there, so here it must name the key's table.
     */
    private void checkSourceTable(String defaultSchema) {
        String text = optionalName("source_table", "the source table's name, the same table as the route's key");
        if (text == null) {
            return;
        }
        TableName named = table("source_table", text, defaultSchema);
        if (!named.equals(from)) {
            throw error("source_table", "names " + named + " but the route's key names " + from
                    + "; expected the same table (the key decides which table is routed)");
        }
    }

    private TableName destination() {
        String schema = optionalName("destination_schema", "the destination schema's name");
        String table = optionalName("destination_table", "the destination table's name, optionally schema.table");
        String targetSchema = schema != null ? schema : from.schema();
        if (table == null) {
            return new TableName(targetSchema, from.table());
        }
        TableName named = table("destination_table", table, targetSchema);
        if (schema != null && !named.schema().equals(schema)) {
            throw error("destination_table", "names schema " + named.schema() + " but destination_schema is "
                    + schema + "; expected one of them, or both the same");
        }
        return named;
    }

    private Map<String, String> columnRenames() {
        JsonNode list = node.get("column_mappings");
        String expected = "a list of {source, destination} column renames";
        if (list == null || list.isNull()) {
            return Map.of();
        }
        if (!list.isArray()) {
            throw error("column_mappings", "expected " + expected + ", got " + StrictYaml.describe(list));
        }
        Map<String, String> renames = new LinkedHashMap<>();
        Set<String> destinations = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode mapping = list.get(i);
            String key = "column_mappings: element " + (i + 1);
            if (!mapping.isObject()) {
                throw error(key, "expected a mapping with source and destination, got " + StrictYaml.describe(mapping));
            }
            Iterator<String> names = mapping.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!MAPPING_KEYS.contains(name)) {
                    throw error(key + ": " + name, "unknown key; expected source, destination");
                }
            }
            String sourceColumn = columnName(mapping, key, "source", "the source column's name");
            String destinationColumn = columnName(mapping, key, "destination", "the column's name at the destination");
            if (renames.containsKey(sourceColumn)) {
                throw error(key + ": source", "column '" + sourceColumn
                        + "' is mapped twice; expected each source column once");
            }
            if (!destinations.add(destinationColumn)) {
                throw error(key + ": destination", "two columns are mapped to '" + destinationColumn
                        + "'; expected a distinct destination for each");
            }
            renames.put(sourceColumn, destinationColumn);
        }
        return renames;
    }

    /** The route's {@code operations}; absent, null or empty means all (pg_flo dropped everything then). */
    private EnumSet<Operation> operations() {
        JsonNode list = node.get("operations");
        if (list == null || list.isNull() || list.isArray() && list.isEmpty()) {
            return EnumSet.copyOf(OPERATIONS);
        }
        if (!list.isArray()) {
            throw error("operations", "expected a list of INSERT, UPDATE, DELETE and TRUNCATE, got "
                    + StrictYaml.describe(list));
        }
        EnumSet<Operation> operations = EnumSet.noneOf(Operation.class);
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            Operation operation = item.isTextual() ? operation(item.textValue()) : null;
            if (operation == null) {
                throw error("operations", "element " + (i + 1) + " is " + StrictYaml.describe(item)
                        + "; expected one of INSERT, UPDATE, DELETE, TRUNCATE");
            }
            operations.add(operation);
        }
        return operations;
    }

    private static Operation operation(String text) {
        for (Operation operation : OPERATIONS) {
            if (operation.name().equals(text)) {
                return operation;
            }
        }
        return null;
    }

    private String columnName(JsonNode mapping, String where, String key, String expected) {
        JsonNode value = mapping.get(key);
        if (value == null) {
            throw error(where + ": " + key, "missing; expected " + expected);
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw error(where + ": " + key, "expected " + expected + ", a non-empty string, got "
                    + StrictYaml.describe(value));
        }
        return value.textValue();
    }

    private String optionalName(String key, String expected) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw error(key, "expected " + expected + ", a non-empty string, got " + StrictYaml.describe(value));
        }
        return value.textValue();
    }

    private TableName table(String key, String text, String defaultSchema) {
        try {
            return TableName.parse(text, defaultSchema);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    private RoutingException error(String key, String problem) {
        return new RoutingException(source + ": table " + from + ": " + key + ": " + problem);
    }

    private RoutingException error(String problem) {
        return new RoutingException(source + ": table " + from + ": " + problem);
    }
}
