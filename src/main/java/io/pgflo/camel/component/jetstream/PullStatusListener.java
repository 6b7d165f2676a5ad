package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.impl.ErrorListenerLoggerImpl;
import io.nats.client.support.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jnats' own listener, except that the normal end of a pull is not a warning: every "no wait" pull ends
 * with 408 (it expired, or had sent all there was) or 404, which is how it is meant to end. Any other status
 * of a pull (a limit of the consumer exceeded, a message larger than the byte bound) is still reported, and
 * so are a pull's errors, such as a deleted consumer.
 */
final class PullStatusListener extends ErrorListenerLoggerImpl {

    private static final Logger LOG = LoggerFactory.getLogger(PullStatusListener.class);
    private static final int NOT_FOUND = 404;
    private static final int REQUEST_TIMEOUT = 408;

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        if (status.getCode() == NOT_FOUND || status.getCode() == REQUEST_TIMEOUT) {
            LOG.trace("pull ended: {}", status);
        } else {
            super.pullStatusWarning(conn, sub, status);
        }
    }
}
