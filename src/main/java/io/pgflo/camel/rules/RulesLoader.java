package io.pgflo.camel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgflo.camel.event.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a pg_flo rules file ({@code --rules-config}):
 *
 * <pre>
 * tables:
 *   users:              # or app.users; an unqualified name is in the default schema
 *     - type: transform # transform | filter | exclude_column
 *       column: email
 *       parameters: {type: mask, mask_char: "*"}
 *       operations: [INSERT, UPDATE]   # optional, default all
 *       allow_empty_deletes: true      # optional, default false
 * </pre>
 *
 * Loading is strict: an unknown key, rule type, transform type or operator, a missing parameter, a regex that
 * does not compile or a value of the wrong type fails with a {@link RuleException} whose message names the
 * file, the table, the rule's 1-based index and the key, and says what was expected. A misspelt key silently
 * ignored would leave data unmasked.
 */
public final class RulesLoader {

    private RulesLoader() {
    }

    /** Loads a rules file; the error messages name it as the path was given. */
    public static RuleSet load(Path file, String defaultSchema) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleException(file + ": cannot read the rules file: " + e, e);
        }
        return parse(text, file.toString(), defaultSchema);
    }

    /**
     * Loads rules from YAML text.
     *
     * @param source the name error messages give the text, for example the file name
     */
    public static RuleSet parse(String yaml, String source, String defaultSchema) {
        JsonNode root;
        try {
            root = StrictYaml.parse(yaml, source);
        } catch (IllegalArgumentException e) {
            throw new RuleException(e.getMessage(), e);
        }
        if (root == null) {
            return RuleSet.EMPTY; // a file with only comments: no rules
        }
        if (!root.isObject()) {
            throw new RuleException(source + ": expected a mapping with the key 'tables', got "
                    + StrictYaml.describe(root));
        }
        Iterator<String> keys = root.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("tables")) {
                throw new RuleException(source + ": " + key + ": unknown key; expected tables");
            }
        }
        JsonNode tables = root.get("tables");
        if (tables != null && tables.isNull()) {
            return RuleSet.EMPTY; // "tables:" with every table commented out
        }
        if (tables == null) {
            throw new RuleException(source
                    + ": tables: missing; expected a mapping from table name to its list of rules");
        }
        if (!tables.isObject()) {
            throw new RuleException(source + ": tables: expected a mapping from table name to its list of rules, got "
                    + StrictYaml.describe(tables));
        }
        return new RuleSet(tables(tables, source, defaultSchema));
    }

    private static Map<TableName, List<Rule>> tables(JsonNode tables, String source, String defaultSchema) {
        Map<TableName, List<Rule>> rules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : tables.properties()) {
            TableName table = tableName(entry.getKey(), source, defaultSchema);
            if (rules.containsKey(table)) {
                throw new RuleException(source + ": table " + table + ": listed twice (as '" + entry.getKey()
                        + "' and once before); expected each table once, with all its rules in one list");
            }
            rules.put(table, tableRules(entry.getValue(), source, table));
        }
        return rules;
    }

    private static TableName tableName(String key, String source, String defaultSchema) {
        try {
            return TableName.parse(key, defaultSchema);
        } catch (IllegalArgumentException e) {
            throw new RuleException(source + ": tables: " + e.getMessage(), e);
        }
    }

    private static List<Rule> tableRules(JsonNode list, String source, TableName table) {
        if (!list.isArray()) {
            throw new RuleException(source + ": table " + table + ": expected a list of rules, got "
                    + StrictYaml.describe(list));
        }
        List<Rule> rules = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            rules.add(RuleParser.parse(list.get(i), new RuleLocation(source, table, i + 1)));
        }
        return rules;
    }
}
