package io.pgflo.camel.component.jetstream;

/** A message that the server did not acknowledge, or that was not sent because an earlier one failed. */
public class JetStreamPublishException extends RuntimeException {

    public JetStreamPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
