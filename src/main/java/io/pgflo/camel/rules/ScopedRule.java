package io.pgflo.camel.rules;

import io.pgflo.camel.event.Operation;
import java.util.EnumSet;

/**
 * A rule with the rule-level {@code operations} and {@code allow_empty_deletes} settings, which pg_flo parsed
 * but ignored: here a rule only touches the operations it lists, and with {@code allow_empty_deletes} it lets
 * every DELETE through untouched (a DELETE often carries only the key, so a filter or a transform on another
 * column would otherwise see no value).
 */
final class ScopedRule implements Rule {

    private final Rule rule;
    private final EnumSet<Operation> operations;
    private final boolean allowEmptyDeletes;

    ScopedRule(Rule rule, EnumSet<Operation> operations, boolean allowEmptyDeletes) {
        this.rule = rule;
        this.operations = EnumSet.copyOf(operations);
        this.allowEmptyDeletes = allowEmptyDeletes;
    }

    @Override
    public boolean apply(RowDraft row) {
        Operation operation = row.operation();
        if (!operations.contains(operation) || operation == Operation.DELETE && allowEmptyDeletes) {
            return true;
        }
        return rule.apply(row);
    }
}
