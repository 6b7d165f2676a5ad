package io.pgflo.camel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code parameters} of a {@code filter} rule into its {@link Condition}. */
final class FilterParser {

    private static final String SCALAR = "a string, number or boolean";

    private FilterParser() {
    }

    static Condition parse(RuleNode parameters) {
        String token = parameters.requiredString("operator",
                "the operator, one of " + String.join(", ", FilterOperator.tokens()));
        FilterOperator operator = FilterOperator.of(token);
        if (operator == null) {
            throw parameters.error("operator", "unknown operator '" + token + "'; expected one of "
                    + String.join(", ", FilterOperator.tokens()));
        }
        if (operator == FilterOperator.IS_NULL || operator == FilterOperator.IS_NOT_NULL) {
            if (parameters.has("value")) {
                throw parameters.error("value", operator.token() + " takes no value; remove the key");
            }
            parameters.allowOnly(List.of("operator"));
            return new NullCondition(operator == FilterOperator.IS_NULL);
        }
        parameters.allowOnly(List.of("operator", "value"));
        if (!parameters.has("value")) {
            throw parameters.error("value", "missing; expected " + expectedValue(operator));
        }
        switch (operator) {
            case CONTAINS:
                return new ContainsCondition(parameters.requiredString("value", expectedValue(operator)));
            case MATCHES:
                return new MatchesCondition(RulePatterns.compile(parameters, "value"));
            case IN:
            case NOT_IN:
                return new InListCondition(list(parameters, operator), operator == FilterOperator.NOT_IN);
            default:
                return new ComparisonCondition(operator, scalar(parameters, operator));
        }
    }

    private static String expectedValue(FilterOperator operator) {
        switch (operator) {
            case CONTAINS:
                return "the text to look for, a string";
            case MATCHES:
                return "a Java regular expression";
            case IN:
            case NOT_IN:
                return "a non-empty list of constants, each " + SCALAR;
            default:
                return "the constant to compare with, " + SCALAR + " (use is_null to test for NULL)";
        }
    }

    private static FilterValue scalar(RuleNode parameters, FilterOperator operator) {
        JsonNode node = parameters.get("value");
        FilterValue value = FilterValue.of(node);
        if (value == null) {
            throw parameters.error("value", "expected " + expectedValue(operator) + ", got "
                    + StrictYaml.describe(node));
        }
        return value;
    }

    private static List<FilterValue> list(RuleNode parameters, FilterOperator operator) {
        JsonNode node = parameters.get("value");
        if (!node.isArray() || node.isEmpty()) {
            throw parameters.error("value", "expected " + expectedValue(operator) + ", got "
                    + (node.isArray() ? "an empty list" : StrictYaml.describe(node)));
        }
        List<FilterValue> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            FilterValue value = FilterValue.of(node.get(i));
            if (value == null) {
                throw parameters.error("value", "element " + (i + 1) + " is " + StrictYaml.describe(node.get(i))
                        + "; expected " + SCALAR);
            }
            values.add(value);
        }
        return values;
    }
}
