package io.pgflo.camel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgflo.camel.event.Operation;
import java.util.EnumSet;
import java.util.List;

/** Reads one entry of a table's rule list: its type, column, parameters and scope. */
final class RuleParser {

    static final List<String> TYPES = List.of("transform", "filter", "exclude_column");
    private static final List<String> KEYS = List.of("type", "column", "parameters", "operations",
            "allow_empty_deletes");
    private static final List<Operation> ROW_OPERATIONS = List.of(Operation.INSERT, Operation.UPDATE, Operation.DELETE);

    private RuleParser() {
    }

    static Rule parse(JsonNode node, RuleLocation where) {
        RuleNode rule = RuleNode.rule(node, where, "type, column and parameters");
        rule.allowOnly(KEYS);
        String type = rule.requiredString("type", "the rule type, one of " + String.join(", ", TYPES));
        if (!TYPES.contains(type)) {
            throw rule.error("type", "unknown rule type '" + type + "'; expected one of " + String.join(", ", TYPES));
        }
        String column = rule.requiredNonEmptyString("column", "the name of the column the rule is about");
        EnumSet<Operation> operations = operations(rule);
        boolean allowEmptyDeletes = rule.optionalBoolean("allow_empty_deletes", false);
        return new ScopedRule(body(rule, type, column), operations, allowEmptyDeletes);
    }

    private static Rule body(RuleNode rule, String type, String column) {
        switch (type) {
            case "transform":
                return new TransformRule(column, TransformParser.parse(
                        rule.mapping("parameters", true, "a mapping with the transform's type and its parameters")));
            case "filter":
                return new FilterRule(column, FilterParser.parse(
                        rule.mapping("parameters", true, "a mapping with the filter's operator and value")));
            default:
                // exclude_column needs nothing more; an empty parameters mapping is tolerated for symmetry.
                rule.mapping("parameters", false, "an empty mapping (exclude_column takes no parameters)")
                        .allowOnly(List.of());
                return new ExcludeColumnRule(column, rule.where());
        }
    }

    /** The rule-level {@code operations}; absent or empty means all three row operations, as in pg_flo. */
    private static EnumSet<Operation> operations(RuleNode rule) {
        JsonNode node = rule.get("operations");
        String expected = "a list of INSERT, UPDATE and DELETE";
        if (node == null || node.isArray() && node.isEmpty()) {
            return EnumSet.copyOf(ROW_OPERATIONS);
        }
        if (!node.isArray()) {
            throw rule.error("operations", "expected " + expected + ", got " + StrictYaml.describe(node));
        }
        EnumSet<Operation> operations = EnumSet.noneOf(Operation.class);
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            Operation operation = item.isTextual() ? rowOperation(item.textValue()) : null;
            if (operation == null) {
                throw rule.error("operations", "element " + (i + 1) + " is " + StrictYaml.describe(item)
                        + "; expected one of INSERT, UPDATE, DELETE (rules apply to row changes only)");
            }
            operations.add(operation);
        }
        return operations;
    }

    private static Operation rowOperation(String text) {
        for (Operation operation : ROW_OPERATIONS) {
            if (operation.name().equals(text)) {
                return operation;
            }
        }
        return null;
    }
}
