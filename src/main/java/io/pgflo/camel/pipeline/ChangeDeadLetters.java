package io.pgflo.camel.pipeline;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.pgflo.camel.component.jetstream.JetStreamConstants;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.wire.WireEncoder;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one change that a sink rejected (a constraint the target enforces, a 4xx from a webhook) to the
 * group's dead-letter subject, as a wire-format message of its own with the reason in headers, and waits
 * for JetStream's acknowledgement. The rest of the batch goes on; nothing is dropped unrecorded.
 * Thread-safe. Configure {@code servers} and {@code subject}; the connection opens on first use.
 */
public class ChangeDeadLetters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeDeadLetters.class);

    /** The change's position (commit LSN and ordinal). */
    public static final String POSITION_HEADER = "Pgflo-Dlq-Position";

    private final WireEncoder encoder = new WireEncoder(8 * 1024 * 1024);
    private String servers;
    private String subject;
    private Connection connection;

    public synchronized void send(ChangeRecord change, String reason, Map<String, String> details) throws Exception {
        if (servers == null || subject == null) {
            throw new IllegalStateException("dead letters need 'servers' and 'subject'; the change at " + change.position()
                    + " was rejected: " + reason);
        }
        if (connection == null) {
            connection = Nats.connect(servers);
        }
        WireEncoder.Encoded encoded = encoder.encode(List.of(change.event()), change.position().seq(), false, null,
                change.emittedAt()).get(0);
        Headers headers = new Headers();
        headers.put(JetStreamConstants.DLQ_REASON, oneLine(reason));
        headers.put(POSITION_HEADER, change.position().toString());
        // A batch that comes again after a crash rejects the same change again; the stream drops that copy.
        headers.put(JetStreamConstants.MSG_ID, "pgflo-dlq-change:" + subject + ":" + change.position());
        details.forEach((key, value) -> headers.put(key, oneLine(value)));
        if (connection.jetStream().publish(NatsMessage.builder().subject(subject).headers(headers).data(encoded.bytes()).build())
                .isDuplicate()) {
            LOG.warn("The change at position {} was rejected again; its dead letter was stored before", change.position());
            return;
        }
        LOG.error("Sent the change at position {} to dead-letter subject {}: {}", change.position(), subject, oneLine(reason));
    }

    private static String oneLine(String text) {
        return io.pgflo.camel.component.jetstream.HeaderValues.printable(text, 2000);
    }

    public String getServers() {
        return servers;
    }

    public void setServers(String servers) {
        this.servers = servers;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
