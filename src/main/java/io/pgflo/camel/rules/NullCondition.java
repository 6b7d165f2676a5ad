package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/**
 * {@code is_null} and {@code is_not_null}. A TOASTed value the UPDATE did not send is known not to be NULL
 * (PostgreSQL never TOASTs a NULL), so it passes {@code is_not_null}.
 */
final class NullCondition implements Condition {

    private final boolean wantNull;

    NullCondition(boolean wantNull) {
        this.wantNull = wantNull;
    }

    @Override
    public boolean test(ColumnInfo column, TupleValue value) {
        return (value == TupleValue.Null.INSTANCE) == wantNull;
    }
}
