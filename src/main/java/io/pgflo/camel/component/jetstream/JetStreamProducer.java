package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Publishes in order with a bounded window of unacknowledged messages, and completes each exchange
 * when the server has acknowledged all of its messages.
 *
 * <p>Order is kept by chaining: each message names its predecessor in {@code Nats-Expected-Last-Msg-Id},
 * so when one publish fails the server refuses every later message in flight. After a failure the
 * producer refuses to publish until an exchange of a new session (a new value of the header named by
 * {@link #SESSION_HEADER}, which the {@code pgwal:} consumer sets) starts the replay; it then resumes the
 * chain from the last message the stream holds.
 *
 * <p>Publish from one thread at a time: messages are sent in the order of the calls.
 */
public class JetStreamProducer extends DefaultAsyncProducer {

    /** The header naming the replication session; a new value after a failure resumes publishing. */
    public static final String SESSION_HEADER = "CamelPgWalSession";

    private static final String EXPECTED_LAST_MSG_ID = "Nats-Expected-Last-Msg-Id";
    private static final int NO_MESSAGE_FOUND = 10037;

    private final JetStreamConfiguration config;
    private Connection connection;
    private JetStream jetStream;
    private JetStreamManagement management;
    private Semaphore window;

    private String lastMessageId;
    private volatile boolean failed;
    private volatile Object failedSession;

    public JetStreamProducer(JetStreamEndpoint endpoint) {
        super(endpoint);
        this.config = endpoint.getConfiguration().copy();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        connection = ((JetStreamEndpoint) getEndpoint()).connect("producer");
        jetStream = connection.jetStream();
        management = connection.jetStreamManagement();
        if (config.isCreateStream()) {
            StreamProvisioner.ensureStream(management, config.getStream(), config.getSubject(), config, true);
        }
        if (config.getDurable() != null && config.isCreateConsumer()) {
            // The publisher creates the durable consumer too, so nothing waits for a worker to start.
            StreamProvisioner.ensureConsumer(management, config.getStream(), config.getDurable(), config.getSubject(),
                    config.getBatchSize(), config.getAckWait(), false);
        }
        window = new Semaphore(config.getMaxInflight());
        lastMessageId = lastStoredMessageId();
    }

    @Override
    protected void doStop() throws Exception {
        if (connection != null) {
            // Let acknowledgements still on their way arrive before the connection goes.
            window.tryAcquire(config.getMaxInflight(), config.getPublishTimeout(), TimeUnit.MILLISECONDS);
            connection.close();
            connection = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<CompletableFuture<PublishAck>> acks;
        try {
            acks = publishAll(exchange, messages(exchange));
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        Object session = exchange.getIn().getHeader(SESSION_HEADER);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .orTimeout(config.getPublishTimeout(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        markFailed(session);
                        exchange.setException(new JetStreamPublishException("publishing to stream " + config.getStream()
                                + " on " + config.getSubject() + " failed: " + rootMessage(error), error));
                    } else {
                        List<Long> sequences = new ArrayList<>(acks.size());
                        acks.forEach(ack -> sequences.add(ack.join().getSeqno()));
                        exchange.getIn().setHeader(JetStreamConstants.PUBLISHED_SEQUENCES, sequences);
                    }
                    callback.done(false);
                });
        return false;
    }

    private synchronized List<CompletableFuture<PublishAck>> publishAll(Exchange exchange, List<OutboundMessage> messages)
            throws Exception {
        resumeIfNewSession(exchange.getIn().getHeader(SESSION_HEADER));
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(messages.size());
        for (OutboundMessage message : messages) {
            if (failed) {
                throw new JetStreamPublishException("an earlier message to stream " + config.getStream()
                        + " failed; nothing is published until the source replays from its last confirmed position", null);
            }
            Headers headers = new Headers();
            if (message.messageId() != null) {
                headers.put(JetStreamConstants.MSG_ID, message.messageId());
            }
            if (config.isExpectLastMessageId() && lastMessageId != null) {
                headers.put(EXPECTED_LAST_MSG_ID, lastMessageId);
            }
            window.acquire();
            CompletableFuture<PublishAck> ack;
            try {
                ack = jetStream.publishAsync(NatsMessage.builder().subject(config.getSubject()).headers(headers)
                        .data(message.data()).build());
            } catch (Exception e) {
                window.release();
                throw e;
            }
            ack.whenComplete((a, e) -> window.release());
            acks.add(ack);
            lastMessageId = message.messageId();
        }
        return acks;
    }

    private void markFailed(Object session) {
        failedSession = session;
        failed = true;
    }

    /** After a failure, a new session (the source's replay) resumes the chain from what the stream holds. */
    private void resumeIfNewSession(Object session) throws Exception {
        if (failed && session != null && !Objects.equals(session, failedSession)) {
            lastMessageId = lastStoredMessageId();
            failed = false;
        }
    }

    private String lastStoredMessageId() throws Exception {
        if (!config.isExpectLastMessageId()) {
            return null;
        }
        try {
            MessageInfo last = management.getLastMessage(config.getStream(), config.getSubject());
            Headers headers = last.getHeaders();
            return headers == null ? null : headers.getFirst(JetStreamConstants.MSG_ID);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static List<OutboundMessage> messages(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        Object body = exchange.getIn().getBody();
        if (body instanceof List<?> list) {
            List<OutboundMessage> messages = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof OutboundMessage message)) {
                    throw new IllegalArgumentException("jetstream: a list body must hold OutboundMessage items, found "
                            + (item == null ? "null" : item.getClass().getName()));
                }
                messages.add(message);
            }
            return messages;
        }
        byte[] data = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : exchange.getIn().getMandatoryBody(byte[].class);
        return List.of(new OutboundMessage(exchange.getIn().getHeader(JetStreamConstants.MSG_ID, String.class), data));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
