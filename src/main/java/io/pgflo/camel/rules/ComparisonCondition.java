package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/**
 * {@code eq ne gt lt gte lte}: compares the column with a constant by the column's type. NULL, a value not
 * sent, and a value that cannot be compared all fail, for {@code ne} too, as in pg_flo.
 */
final class ComparisonCondition implements Condition {

    private final ColumnKind.Memo kinds = new ColumnKind.Memo();

    private final FilterOperator operator;
    private final FilterValue constant;

    ComparisonCondition(FilterOperator operator, FilterValue constant) {
        this.operator = operator;
        this.constant = constant;
    }

    @Override
    public boolean test(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text)) {
            return false;
        }
        ColumnKind kind = kinds.of(column.typeName());
        if (operator.needsOrder() && !kind.ordered()) {
            return false;
        }
        Integer comparison = ValueComparator.compare(kind, text.value(), constant);
        return comparison != null && operator.accepts(comparison);
    }
}
