package io.pgflo.camel.ddl;

import java.util.List;

/**
 * A constraint of a described table.
 *
 * @param type       PostgreSQL's {@code contype}: p (primary key), u (unique), c (check), f (foreign key), x (exclusion)
 * @param definition as {@code pg_get_constraintdef} prints it, for example {@code UNIQUE (email)}
 * @param columns    the constrained columns, in order
 */
public record ConstraintState(String name, String type, String definition, List<String> columns) {

    public ConstraintState {
        columns = List.copyOf(columns);
    }

    /** A primary key or unique constraint can be rebuilt from its column list, under other column names. */
    public boolean isKeyLike() {
        return "p".equals(type) || "u".equals(type);
    }
}
