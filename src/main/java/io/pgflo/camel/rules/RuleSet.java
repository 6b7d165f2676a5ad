package io.pgflo.camel.rules;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a rules file, by table. Rules touch row changes only: TRUNCATEs and logical messages pass
 * unchanged, as do changes of tables without rules. A table's rules run in file order, each on the result of
 * the one before, and the first filter a change fails drops it. Immutable and thread-safe.
 */
public final class RuleSet {

    /** No rules: every change passes unchanged. */
    public static final RuleSet EMPTY = new RuleSet(Map.of());

    private final Map<TableName, List<Rule>> rules;

    RuleSet(Map<TableName, List<Rule>> rules) {
        Map<TableName, List<Rule>> copy = new LinkedHashMap<>();
        rules.forEach((table, list) -> copy.put(table, List.copyOf(list)));
        this.rules = copy;
    }

    /**
     * @return the change with its table's rules applied, the same instance when no rule changed it, or null
     *         when a filter drops it
     * @throws RuleException when a rule cannot be applied to the change, for example exclude_column on a key
     */
    public ChangeRecord apply(ChangeRecord change) {
        if (!(change.event() instanceof RowChange row)) {
            return change;
        }
        RowChange result = apply(row);
        if (result == null) {
            return null;
        }
        return result == row ? change : change.withEvent(result);
    }

    /** The row change with its table's rules applied, or null when a filter drops it. */
    public RowChange apply(RowChange change) {
        List<Rule> tableRules = rules.get(change.table());
        if (tableRules == null) {
            return change;
        }
        RowDraft draft = new RowDraft(change);
        for (Rule rule : tableRules) {
            if (!rule.apply(draft)) {
                return null;
            }
        }
        return draft.result();
    }

    /** The tables that have rules, in file order. */
    public Set<TableName> tables() {
        return rules.keySet();
    }

    /** How many rules the table has. */
    public int ruleCount(TableName table) {
        List<Rule> tableRules = rules.get(table);
        return tableRules == null ? 0 : tableRules.size();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
