package io.pgflo.camel.ddl;

/** A DDL command that cannot be applied to the target as routed; the reason says what to change. */
public class DdlMappingException extends IllegalArgumentException {

    public DdlMappingException(String message) {
        super(message);
    }
}
