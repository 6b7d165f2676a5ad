package io.pgflo.camel.ddl;

/** DDL for a table the target does not have. */
public class DdlTargetMissingException extends DdlMappingException {

    public DdlTargetMissingException(String message) {
        super(message);
    }
}
