package io.pgflo.camel.rules;

import io.pgflo.camel.event.TableName;

/**
 * Where a rule was written: the file, the table and the rule's 1-based index in that table's list. Every
 * error about a rule, at load or when it meets a change, starts with this so the user can find it.
 */
record RuleLocation(String source, TableName table, int index) {

    /** An error about one key of the rule, such as {@code parameters.operator}. */
    RuleException error(String key, String problem) {
        return new RuleException(prefix() + ": " + key + ": " + problem);
    }

    /** An error about the rule as a whole. */
    RuleException error(String problem) {
        return new RuleException(prefix() + ": " + problem);
    }

    private String prefix() {
        return source + ": table " + table + ", rule " + index;
    }
}
