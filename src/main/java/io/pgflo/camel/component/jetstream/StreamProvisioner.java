package io.pgflo.camel.component.jetstream;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates or updates streams and durable consumers, so both sides of a pipeline can start in any order. */
public final class StreamProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProvisioner.class);
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;
    static final Duration DEAD_LETTER_DUPLICATE_WINDOW = Duration.ofHours(1);

    private StreamProvisioner() {
    }

    /**
     * Creates the stream with {@code subject} and the configured limits; with {@code updateExisting}, brings
     * an existing one's subjects and limits up to the configuration. Only the publisher updates, so the
     * limits are the replicator's and a worker started later does not reset them.
     */
    public static void ensureStream(JetStreamManagement jsm, String stream, String subject, JetStreamConfiguration config,
                                    boolean updateExisting) throws IOException, JetStreamApiException {
        StreamInfo existing = streamInfo(jsm, stream);
        RetentionPolicy retention = retention(config.getRetention());
        if (existing == null) {
            jsm.addStream(limits(StreamConfiguration.builder().name(stream).subjects(subject), config)
                    .retentionPolicy(retention)
                    .storageType("memory".equalsIgnoreCase(config.getStorage()) ? StorageType.Memory : StorageType.File)
                    .build());
            LOG.info("Created JetStream stream {} on subject {} ({} retention)", stream, subject, config.getRetention());
            return;
        }
        StreamConfiguration current = existing.getConfiguration();
        if (!updateExisting) {
            return;
        }
        if (current.getRetentionPolicy() != retention) {
            LOG.warn("Stream {} keeps its {} retention; retention {} cannot be applied to an existing stream",
                    stream, current.getRetentionPolicy(), config.getRetention());
        }
        List<String> subjects = new ArrayList<>(current.getSubjects());
        if (!subjects.contains(subject)) {
            subjects.add(subject);
        }
        StreamConfiguration wanted = limits(StreamConfiguration.builder(current).subjects(subjects), config).build();
        if (!wanted.toJson().equals(current.toJson())) {
            jsm.updateStream(wanted);
            LOG.info("Updated JetStream stream {}: subjects {}, limits from the configuration", stream, subjects);
        }
    }

    /** A limits-retention stream that keeps dead letters until someone deals with them. */
    public static void ensureDeadLetterStream(JetStreamManagement jsm, String stream, String subject)
            throws IOException, JetStreamApiException {
        StreamInfo existing = streamInfo(jsm, stream);
        if (existing == null) {
            // A failure that repeats after a crash can come minutes later; its copy is recognised for an hour.
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject)
                    .retentionPolicy(RetentionPolicy.Limits).storageType(StorageType.File)
                    .duplicateWindow(DEAD_LETTER_DUPLICATE_WINDOW).build());
            LOG.info("Created dead-letter stream {} on subject {}", stream, subject);
        } else if (!existing.getConfiguration().getSubjects().contains(subject)) {
            List<String> subjects = new ArrayList<>(existing.getConfiguration().getSubjects());
            subjects.add(subject);
            jsm.updateStream(StreamConfiguration.builder(existing.getConfiguration()).subjects(subjects).build());
        }
    }

    /**
     * Creates the durable pull consumer, or updates it when {@code updateExisting}. At most
     * {@code maxAckPending} messages are out at once, and the worker fetches exactly that many, so a
     * failed or abandoned batch is redelivered before anything after it: only the consumer's own worker
     * may set it, which is why a publisher creates it but never updates it.
     */
    public static void ensureConsumer(JetStreamManagement jsm, String stream, String durable, String filterSubject,
                                      int maxAckPending, long ackWaitMillis, boolean updateExisting)
            throws IOException, JetStreamApiException {
        boolean exists = true;
        try {
            jsm.getConsumerInfo(stream, durable);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw e;
            }
            exists = false;
        }
        if (exists && !updateExisting) {
            return;
        }
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder().durable(durable)
                .ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All)
                .maxAckPending(maxAckPending).ackWait(Duration.ofMillis(ackWaitMillis))
                // Our consumer counts deliveries and dead-letters itself; the server must never stop redelivering.
                .maxDeliver(-1);
        if (filterSubject != null) {
            config.filterSubject(filterSubject);
        }
        jsm.addOrUpdateConsumer(stream, config.build());
        if (!exists) {
            LOG.info("Created durable consumer {} on stream {}", durable, stream);
        }
    }

    /** The stream's description, or null when it does not exist. */
    public static StreamInfo streamInfo(JetStreamManagement jsm, String stream) throws IOException, JetStreamApiException {
        try {
            return jsm.getStreamInfo(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static StreamConfiguration.Builder limits(StreamConfiguration.Builder builder, JetStreamConfiguration config) {
        return builder.maxAge(Duration.ofMillis(config.getMaxAge())).maxBytes(config.getMaxBytes())
                .maxMessages(config.getMaxMessages()).duplicateWindow(Duration.ofMillis(config.getDuplicateWindow()))
                // When a limit is reached, refuse new messages instead of deleting unconsumed ones.
                .discardPolicy(DiscardPolicy.New);
    }

    private static RetentionPolicy retention(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "workqueue" -> RetentionPolicy.WorkQueue;
            case "limits" -> RetentionPolicy.Limits;
            case "interest" -> RetentionPolicy.Interest;
            default -> throw new IllegalArgumentException("retention '" + name + "' is not one of workqueue, limits, interest");
        };
    }
}
