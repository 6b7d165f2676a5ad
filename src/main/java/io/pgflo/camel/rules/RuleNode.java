package io.pgflo.camel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.List;

/**
 * One mapping of a rule (the rule itself, or its {@code parameters}) with the checks the loader makes on it.
 * Each failed check names the key by its path in the rule, for example {@code parameters.pattern}.
 */
final class RuleNode {

    private final JsonNode node;
    private final String path;
    private final RuleLocation where;

    private RuleNode(JsonNode node, String path, RuleLocation where) {
        this.node = node;
        this.path = path;
        this.where = where;
    }

    /** The rule's own mapping; {@code shape} says what a rule looks like, for the error when it is not a mapping. */
    static RuleNode rule(JsonNode node, RuleLocation where, String shape) {
        if (node == null || !node.isObject()) {
            throw where.error("expected a mapping with " + shape + ", got " + StrictYaml.describe(node));
        }
        return new RuleNode(node, "", where);
    }

    RuleLocation where() {
        return where;
    }

    /** The full path of one of this mapping's keys. */
    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    RuleException error(String name, String problem) {
        return where.error(key(name), problem);
    }

    /** Rejects every key not in {@code allowed}: a misspelt key must not be silently ignored. */
    void allowOnly(List<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(name, allowed.isEmpty() ? "unknown key; expected no keys here"
                        : "unknown key; expected one of " + String.join(", ", allowed));
            }
        }
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** The raw value, or null when the key is absent (a YAML null is a NullNode, not null). */
    JsonNode get(String name) {
        return node.get(name);
    }

    String requiredString(String name, String expected) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw error(name, "missing; expected " + expected);
        }
        if (!value.isTextual()) {
            throw error(name, "expected " + expected + ", got " + StrictYaml.describe(value));
        }
        return value.textValue();
    }

    String requiredNonEmptyString(String name, String expected) {
        String value = requiredString(name, expected);
        if (value.isEmpty()) {
            throw error(name, "is empty; expected " + expected);
        }
        return value;
    }

    String optionalString(String name, String fallback, String expected) {
        return node.has(name) ? requiredString(name, expected) : fallback;
    }

    boolean optionalBoolean(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(name, "expected true or false, got " + StrictYaml.describe(value));
        }
        return value.booleanValue();
    }

    /** A nested mapping such as {@code parameters}; an absent key gives an empty mapping when not required. */
    RuleNode mapping(String name, boolean required, String expected) {
        JsonNode value = node.get(name);
        if (value == null && !required) {
            return new RuleNode(JsonNodeFactory.instance.objectNode(), key(name), where);
        }
        if (value == null) {
            throw error(name, "missing; expected " + expected);
        }
        if (!value.isObject()) {
            throw error(name, "expected " + expected + ", got " + StrictYaml.describe(value));
        }
        return new RuleNode(value, key(name), where);
    }
}
