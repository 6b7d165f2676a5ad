package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.impl.ErrorListenerLoggerImpl;
import io.nats.client.support.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jnats' own listener, except that the end of a pull is not a warning: every "no wait" pull ends with a
 * status (408 when it expired or had sent all there was, 409 at its byte bound), which is how it is meant
 * to end. Errors of a pull, such as a deleted consumer, are still reported.
 */
final class PullStatusListener extends ErrorListenerLoggerImpl {

    private static final Logger LOG = LoggerFactory.getLogger(PullStatusListener.class);

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        LOG.trace("pull ended: {}", status);
    }
}
