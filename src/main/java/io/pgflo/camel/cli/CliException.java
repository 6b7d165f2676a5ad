package io.pgflo.camel.cli;

/** A setting that is missing or wrong; its message names the flag, variable or file and what was expected. */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }
}
