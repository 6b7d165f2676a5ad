package io.pgflo.camel.schemadump;

/** A schema sync step that cannot go on; the message names the step and what was expected. */
public class SchemaDumpException extends RuntimeException {

    public SchemaDumpException(String message) {
        super(message);
    }

    public SchemaDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
