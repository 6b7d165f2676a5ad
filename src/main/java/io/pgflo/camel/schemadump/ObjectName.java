package io.pgflo.camel.schemadump;

import java.util.Objects;

/** A schema-qualified name of a type or sequence, unquoted. */
public record ObjectName(String schema, String name) {

    public ObjectName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
