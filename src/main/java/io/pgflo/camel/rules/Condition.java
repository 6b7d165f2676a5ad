package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/** The test of a filter rule, on the one column it names. */
interface Condition {

    /**
     * @param value the column's value: text, NULL, or {@link TupleValue.UnchangedToast} for a value that
     *              exists but was not sent (a TOASTed value the UPDATE did not change); never null
     * @return whether the change passes
     */
    boolean test(ColumnInfo column, TupleValue value);
}
