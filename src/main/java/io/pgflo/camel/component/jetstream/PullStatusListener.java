package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.impl.ErrorListenerLoggerImpl;
import io.nats.client.support.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jnats' own listener, except that the normal end of a pull is not a warning: every "no wait" pull ends
 * with 408 (it expired, or had sent all there was) or 404, which is how it is meant to end. A pull that
 * reached its byte bound ends with 409 "Message Size Exceeds MaxBytes"; the consumer never asks for less than
 * one message of the server may be (see {@code JetStreamBatchConsumer}), so that too is a full pull's end,
 * not a message that can never be fetched. An initial copy, whose messages are large, ends nearly every pull
 * so. Any other status of a pull (a limit of the consumer exceeded) is still reported, and so are a pull's
 * errors, such as a deleted consumer.
 */
final class PullStatusListener extends ErrorListenerLoggerImpl {

    private static final Logger LOG = LoggerFactory.getLogger(PullStatusListener.class);
    private static final int NOT_FOUND = 404;
    private static final int REQUEST_TIMEOUT = 408;
    private static final int CONFLICT = 409;

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        if (status.getCode() == NOT_FOUND || status.getCode() == REQUEST_TIMEOUT
                || (status.getCode() == CONFLICT && Status.MESSAGE_SIZE_EXCEEDS_MAX_BYTES.equals(status.getMessage()))) {
            LOG.trace("pull ended: {}", status);
        } else {
            super.pullStatusWarning(conn, sub, status);
        }
    }
}
