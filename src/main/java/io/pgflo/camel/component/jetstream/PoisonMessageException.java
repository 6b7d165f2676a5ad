package io.pgflo.camel.component.jetstream;

/**
 * Thrown by a route step for a message that can never be processed, such as one that cannot be
 * decoded. The batch consumer sends that message to the dead-letter subject at once, acks it, and goes
 * on with the rest of the batch.
 */
public class PoisonMessageException extends RuntimeException {

    private final long streamSequence;

    public PoisonMessageException(long streamSequence, String reason, Throwable cause) {
        super(reason, cause);
        this.streamSequence = streamSequence;
    }

    public long streamSequence() {
        return streamSequence;
    }
}
