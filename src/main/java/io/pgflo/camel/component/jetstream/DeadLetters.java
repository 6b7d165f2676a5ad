package io.pgflo.camel.component.jetstream;

import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a message that cannot be processed to the dead-letter subject, with why and where it came from. */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_REASON = 2000;

    private final JetStream jetStream;
    private final JetStreamConfiguration config;
    private final String streamCreated;

    /**
     * @param streamCreated when the consumed stream was created: a stream deleted and created again numbers its
     *                      messages from 1 again, and a new message must not pass for an earlier one's copy
     */
    DeadLetters(JetStream jetStream, JetStreamConfiguration config, String streamCreated) {
        this.jetStream = jetStream;
        this.config = config;
        this.streamCreated = streamCreated;
    }

    /** The dead letter's id: one per message of a stream, however often that message fails. */
    static String deduplicationId(String stream, String created, long sequence) {
        return "pgflo-dlq:" + stream + ":" + created + ":" + sequence;
    }

    boolean enabled() {
        return config.getDeadLetterSubject() != null;
    }

    /**
     * Publishes the message to the dead-letter subject and waits for the server's acknowledgement, so the
     * original may be acked afterwards.
     */
    void send(Message original, String reason) throws Exception {
        Headers headers = new Headers();
        if (original.getHeaders() != null) {
            original.getHeaders().entrySet().forEach(h -> headers.put(h.getKey(), h.getValue()));
        }
        // An id of its own: the original's would be compared with ids of other dead letters. A message whose
        // dead letter was stored but whose ack was lost comes back and fails again; the stream drops that copy.
        headers.remove("Nats-Expected-Last-Msg-Id");
        headers.put(JetStreamConstants.MSG_ID, deduplicationId(config.getStream(), streamCreated, original.metaData().streamSequence()));
        String shortReason = HeaderValues.printable(reason, MAX_REASON);
        headers.put(JetStreamConstants.DLQ_REASON, shortReason);
        headers.put(JetStreamConstants.DLQ_STREAM, config.getStream());
        headers.put(JetStreamConstants.DLQ_SUBJECT, original.getSubject());
        headers.put(JetStreamConstants.DLQ_SEQUENCE, String.valueOf(original.metaData().streamSequence()));
        headers.put(JetStreamConstants.DLQ_DELIVERIES, String.valueOf(original.metaData().deliveredCount()));
        PublishAck stored = jetStream.publish(NatsMessage.builder().subject(config.getDeadLetterSubject())
                .headers(headers).data(original.getData()).build());
        if (stored.isDuplicate()) {
            LOG.warn("Message {} of stream {} failed again; its dead letter was stored before", original.metaData().streamSequence(),
                    config.getStream());
            return;
        }
        LOG.error("Sent message {} of stream {} to dead-letter subject {} after {} deliveries: {}",
                original.metaData().streamSequence(), config.getStream(), config.getDeadLetterSubject(),
                original.metaData().deliveredCount(), shortReason);
    }
}
