package io.pgflo.camel.component.jetstream;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code jetstream:} component. */
public final class JetStreamConstants {

    @Metadata(description = "De-duplication id of a single message the producer publishes (a byte[] or String body).",
            javaType = "String")
    public static final String MSG_ID = "Nats-Msg-Id";

    @Metadata(label = "consumer", description = "Stream sequence of the first message in the batch.", javaType = "long")
    public static final String FIRST_SEQUENCE = "CamelJetStreamFirstSequence";

    @Metadata(label = "consumer", description = "Stream sequence of the last message in the batch.", javaType = "long")
    public static final String LAST_SEQUENCE = "CamelJetStreamLastSequence";

    @Metadata(label = "consumer", description = "Number of messages in the batch.", javaType = "int")
    public static final String MESSAGE_COUNT = "CamelJetStreamMessageCount";

    @Metadata(label = "producer", description = "Stream sequences the server assigned, in publishing order.",
            javaType = "java.util.List<Long>")
    public static final String PUBLISHED_SEQUENCES = "CamelJetStreamPublishedSequences";

    /** Dead-letter headers: why the message failed, and where it came from. */
    public static final String DLQ_REASON = "Pgflo-Dlq-Reason";
    public static final String DLQ_STREAM = "Pgflo-Dlq-Stream";
    public static final String DLQ_SUBJECT = "Pgflo-Dlq-Subject";
    public static final String DLQ_SEQUENCE = "Pgflo-Dlq-Sequence";
    public static final String DLQ_DELIVERIES = "Pgflo-Dlq-Deliveries";

    private JetStreamConstants() {
    }
}
