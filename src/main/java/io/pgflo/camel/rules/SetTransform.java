package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;

/**
 * {@code transform/set}: replaces the column's value by a constant, or by NULL. The constant is written as
 * the value's text form as it is; PostgreSQL (or the target) checks it against the column's type. A boolean
 * constant is written {@code t}/{@code f} in a bool column, PostgreSQL's own form, else {@code true}/{@code
 * false}.
 */
final class SetTransform implements ValueTransform {

    private final String text;
    private final Boolean bool;

    /**
     * @param text the constant's text, or null for NULL (or for a boolean constant)
     * @param bool the boolean constant, or null when the constant is not a boolean
     */
    SetTransform(String text, Boolean bool) {
        this.text = text;
        this.bool = bool;
    }

    @Override
    public TupleValue apply(ColumnInfo column, TupleValue value) {
        TupleValue constant = constantFor(column);
        return constant.equals(value) ? value : constant;
    }

    private TupleValue constantFor(ColumnInfo column) {
        if (bool != null) {
            boolean boolColumn = ColumnKind.of(column.typeName()) == ColumnKind.BOOLEAN;
            return new TupleValue.Text(boolColumn ? (bool ? "t" : "f") : bool.toString());
        }
        return text == null ? TupleValue.Null.INSTANCE : new TupleValue.Text(text);
    }
}
