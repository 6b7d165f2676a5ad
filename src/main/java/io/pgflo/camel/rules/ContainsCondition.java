package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/**
 * {@code contains}: a case-sensitive substring test on the value's exact text form. It works on any type,
 * so it also finds an element's text in a json document or an array.
 */
final class ContainsCondition implements Condition {

    private final String needle;

    ContainsCondition(String needle) {
        this.needle = needle;
    }

    @Override
    public boolean test(ColumnInfo column, TupleValue value) {
        return value instanceof TupleValue.Text text && text.value().contains(needle);
    }
}
