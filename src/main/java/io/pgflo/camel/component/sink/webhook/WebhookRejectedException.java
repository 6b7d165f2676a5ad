package io.pgflo.camel.component.sink.webhook;

import io.pgflo.camel.event.Position;

/**
 * The webhook rejected a change (a 4xx other than 408 and 429) and no dead-letter bean
 * ({@link io.pgflo.camel.pipeline.ChangeDeadLetters}) is in the registry, so the batch fails rather than
 * dropping the change. Not transient: the JetStream consumer retries it up to its delivery limit and then
 * dead-letters the message itself.
 */
public class WebhookRejectedException extends Exception {

    private final transient Position position;
    private final int status;

    public WebhookRejectedException(String message, Position position, int status) {
        super(message);
        this.position = position;
        this.status = status;
    }

    /** The rejected change's position. */
    public Position getPosition() {
        return position;
    }

    /** The HTTP status of the rejection. */
    public int getStatus() {
        return status;
    }
}
