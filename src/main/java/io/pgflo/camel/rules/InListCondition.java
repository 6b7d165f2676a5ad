package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.List;

/**
 * {@code in} and {@code not_in}: {@code in} passes when the column equals one of the constants (as
 * {@code eq} compares), {@code not_in} when it is comparable with every constant and equal to none (as
 * {@code ne} compares each). NULL fails both.
 */
final class InListCondition implements Condition {

    private final ColumnKind.Memo kinds = new ColumnKind.Memo();

    private final List<FilterValue> constants;
    private final boolean negated;

    InListCondition(List<FilterValue> constants, boolean negated) {
        this.constants = List.copyOf(constants);
        this.negated = negated;
    }

    @Override
    public boolean test(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text)) {
            return false;
        }
        ColumnKind kind = kinds.of(column.typeName());
        for (FilterValue constant : constants) {
            Integer comparison = ValueComparator.compare(kind, text.value(), constant);
            if (negated && (comparison == null || comparison == 0)) {
                return false;
            }
            if (!negated && comparison != null && comparison == 0) {
                return true;
            }
        }
        return negated;
    }
}
