package io.pgflo.camel.sink.json;

/**
 * A value's text is not in the output form of the type it was declared with. The renderer catches it
 * and falls back to the exact text, so a surprising value is passed on rather than lost.
 */
final class MalformedPgTextException extends RuntimeException {

    MalformedPgTextException(String message) {
        super(message, null, false, false);
    }
}
