package io.pgflo.camel.ddl;

/** A DDL message whose content is not a document this worker can read. */
public class DdlDocumentException extends IllegalArgumentException {

    public DdlDocumentException(String message) {
        super(message);
    }

    public DdlDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
