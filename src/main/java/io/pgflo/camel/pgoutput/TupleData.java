package io.pgflo.camel.pgoutput;

import java.util.List;

/** A row image as pgoutput sends it: one value per column of the relation, in column order. */
public record TupleData(List<TupleValue> values) {

    public TupleData {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    public TupleValue get(int index) {
        return values.get(index);
    }
}
