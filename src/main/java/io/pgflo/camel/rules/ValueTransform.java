package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/** What a {@code transform} rule does to one value of its column. */
interface ValueTransform {

    /**
     * @param value text, NULL, or a TOASTed value not sent ({@link TupleValue.UnchangedToast})
     * @return the new value; the same instance when the value stays as it is
     */
    TupleValue apply(ColumnInfo column, TupleValue value);

    /** The column's description after the transform, for a transform that changes the value's type. */
    default ColumnInfo describe(ColumnInfo column) {
        return column;
    }
}
