package io.pgflo.camel.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.rules.StrictYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads a pg_flo routing file ({@code --routing-config}):
 *
 * <pre>
 * users:                        # the source table; app.users for another schema than the default
 *   source_table: users         # optional; must name the same table as the key
 *   destination_table: customers
 *   destination_schema: crm     # optional; default the source table's schema
 *   column_mappings: [{source: id, destination: customer_id}]
 *   operations: [INSERT, UPDATE]   # optional; absent or empty means all, TRUNCATE included
 * </pre>
 *
 * Loading is strict: an unknown key, a value of the wrong type, an unknown operation or a column mapped
 * twice fails with a {@link RoutingException} naming the file, the table and the key.
 */
public final class RoutingLoader {

    private RoutingLoader() {
    }

    /** Loads a routing file; the error messages name it as the path was given. */
    public static Router load(Path file, String defaultSchema) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RoutingException(file + ": cannot read the routing file: " + e, e);
        }
        return parse(text, file.toString(), defaultSchema);
    }

    /**
     * Loads routes from YAML text.
     *
     * @param source the name error messages give the text, for example the file name
     */
    public static Router parse(String yaml, String source, String defaultSchema) {
        JsonNode root;
        try {
            root = StrictYaml.parse(yaml, source);
        } catch (IllegalArgumentException e) {
            throw new RoutingException(e.getMessage(), e);
        }
        if (root == null) {
            return Router.EMPTY; // a file with only comments: no routes
        }
        if (!root.isObject()) {
            throw new RoutingException(source + ": expected a mapping from source table to its route, got "
                    + StrictYaml.describe(root));
        }
        Map<TableName, Route> routes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            TableName from = tableName(entry.getKey(), source, defaultSchema);
            if (routes.containsKey(from)) {
                throw new RoutingException(source + ": table " + from + ": routed twice (as '" + entry.getKey()
                        + "' and once before); expected one route per source table");
            }
            routes.put(from, RouteParser.parse(source, from, entry.getValue(), defaultSchema));
        }
        return new Router(routes);
    }

    private static TableName tableName(String key, String source, String defaultSchema) {
        try {
            return TableName.parse(key, defaultSchema);
        } catch (IllegalArgumentException e) {
            throw new RoutingException(source + ": " + e.getMessage() + " (a route's key names its source table)", e);
        }
    }
}
