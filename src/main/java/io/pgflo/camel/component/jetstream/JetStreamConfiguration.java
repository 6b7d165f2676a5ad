package io.pgflo.camel.component.jetstream;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of a {@code jetstream:} endpoint. */
@UriParams
public class JetStreamConfiguration implements Cloneable {

    @UriPath(description = "Name of the JetStream stream.")
    @Metadata(required = true)
    private String stream;

    @UriParam(description = "NATS server URLs, comma-separated.", defaultValue = "nats://localhost:4222")
    private String servers = "nats://localhost:4222";

    @UriParam(description = "Subject to publish to (producer), or to filter on (consumer).")
    private String subject;

    @UriParam(label = "security", description = "User name for the NATS server.", secret = true)
    private String user;

    @UriParam(label = "security", description = "Password for the NATS server.", secret = true)
    private String password;

    @UriParam(label = "security", description = "Authentication token for the NATS server.", secret = true)
    private String token;

    @UriParam(label = "security", description = "Path of a NATS credentials file (JWT and nkey seed).")
    private String credentialsFile;

    @UriParam(label = "advanced", description = "Timeout for connecting to NATS.", defaultValue = "10s",
            javaType = "java.time.Duration")
    private long connectTimeout = 10_000;

    @UriParam(label = "stream", description = "Create the stream when it is missing, and bring an existing one's"
            + " subjects and limits up to these options.", defaultValue = "false")
    private boolean createStream;

    @UriParam(label = "stream", description = "Retention of the stream when created: workqueue removes a message once"
            + " acked; limits keeps messages until a limit; interest keeps them while a consumer has not acked them."
            + " None ever drops an unconsumed message unless maxAge, maxBytes or maxMessages say so.",
            enums = "workqueue,limits,interest", defaultValue = "workqueue")
    private String retention = "workqueue";

    @UriParam(label = "stream", description = "Oldest message age the stream keeps; 0 keeps messages forever.",
            defaultValue = "0", javaType = "java.time.Duration")
    private long maxAge;

    @UriParam(label = "stream", description = "Most bytes the stream holds; -1 is unlimited. When full, publishing"
            + " fails (discard new) rather than dropping old unconsumed messages.", defaultValue = "-1")
    private long maxBytes = -1;

    @UriParam(label = "stream", description = "Most messages the stream holds; -1 is unlimited. When full,"
            + " publishing fails rather than dropping messages.", defaultValue = "-1")
    private long maxMessages = -1;

    @UriParam(label = "stream", description = "Window in which a repeated Nats-Msg-Id is dropped as a duplicate.",
            defaultValue = "2m", javaType = "java.time.Duration")
    private long duplicateWindow = 120_000;

    @UriParam(label = "stream", description = "Storage of the stream when created.", enums = "file,memory",
            defaultValue = "file")
    private String storage = "file";

    @UriParam(label = "producer", description = "Most published messages awaiting their acknowledgement at once."
            + " Publishing blocks when the window is full.", defaultValue = "1024")
    private int maxInflight = 1024;

    @UriParam(label = "producer", description = "How long to wait for the server to acknowledge a published message.",
            defaultValue = "30s", javaType = "java.time.Duration")
    private long publishTimeout = 30_000;

    @UriParam(label = "producer", description = "Chain messages with Nats-Expected-Last-Msg-Id, so that the server"
            + " refuses a message whose predecessor it does not hold: a failed publish can then never be followed"
            + " by a stored later message. Needs this producer to be the stream's only publisher.",
            defaultValue = "true")
    private boolean expectLastMessageId = true;

    @UriParam(description = "Durable consumer name; required to consume. A producer with this option creates the"
            + " consumer when it is missing, so changes are retained before the first worker starts.")
    private String durable;

    @UriParam(label = "consumer", description = "Create the durable consumer when it is missing.", defaultValue = "true")
    private boolean createConsumer = true;

    @UriParam(label = "consumer", description = "Most messages in one exchange.", defaultValue = "1000")
    private int batchSize = 1000;

    @UriParam(label = "consumer", description = "Approximate most message bytes in one exchange; a fetched batch"
            + " larger than this is handed to the route in several exchanges, in order. It also bounds the fetch (never"
            + " below the server's largest message, which a smaller bound could never fetch), and the messages held"
            + " while an earlier one is redelivered: up to eight times this.",
            defaultValue = "4194304")
    private long maxBatchBytes = 4 * 1024 * 1024;

    @UriParam(label = "consumer", description = "Fetch the next batch while the route runs the current one, so the"
            + " route does not wait for the network between batches. The consumer then allows twice batchSize"
            + " messages unacknowledged.", defaultValue = "true")
    private boolean prefetch = true;

    @UriParam(label = "consumer", description = "How long a fetch waits for messages when the stream has none for"
            + " the consumer (at least 1s). When it has fewer than batchSize, the fetch asks for just those and does not"
            + " wait.",
            defaultValue = "500ms", javaType = "java.time.Duration")
    private long maxWait = 500;

    @UriParam(label = "consumer", description = "How long the server waits for an ack before redelivering. A batch"
            + " in progress is kept alive with progress reports, so this only bounds how soon a crashed worker's batch"
            + " is redelivered.", defaultValue = "15s", javaType = "java.time.Duration")
    private long ackWait = 15_000;

    @UriParam(label = "consumer", description = "Failed attempts at a message before it goes to the dead-letter"
            + " subject. Only the route's failures count, and transient ones (I/O, a lost connection) do not.",
            defaultValue = "5")
    private int maxDeliver = 5;

    @UriParam(label = "consumer", description = "Delay before the first redelivery of a failed batch; it doubles with"
            + " each failed attempt up to maxRedeliveryDelay.", defaultValue = "1s", javaType = "java.time.Duration")
    private long redeliveryDelay = 1_000;

    @UriParam(label = "consumer", description = "Longest delay between redeliveries.", defaultValue = "30s",
            javaType = "java.time.Duration")
    private long maxRedeliveryDelay = 30_000;

    @UriParam(label = "consumer", description = "Subject that failing and undecodable messages go to, with headers"
            + " giving the reason and the original sequence. Without it a failing message is redelivered forever.")
    private String deadLetterSubject;

    @UriParam(label = "consumer", description = "Stream that holds the dead-letter subject; created when missing.")
    private String deadLetterStream;

    /** Checks the options; each problem names the option and what was expected. */
    public void validate(boolean consumer) {
        List<String> problems = new ArrayList<>();
        if (stream == null || stream.isBlank()) {
            problems.add("the stream name is required: jetstream:<stream>");
        }
        if (!consumer && (subject == null || subject.isBlank())) {
            problems.add("option 'subject' is required to publish");
        }
        if (consumer && (durable == null || durable.isBlank())) {
            problems.add("option 'durable' is required to consume");
        }
        if (consumer && (subject == null || subject.isBlank())) {
            problems.add("option 'subject' is required to consume: the subject whose order the consumer keeps");
        }
        if (batchSize < 1) {
            problems.add("option 'batchSize' is " + batchSize + "; expected at least 1");
        }
        if (maxInflight < 1) {
            problems.add("option 'maxInflight' is " + maxInflight + "; expected at least 1");
        }
        if (maxDeliver < 1) {
            problems.add("option 'maxDeliver' is " + maxDeliver + "; expected at least 1");
        }
        if (deadLetterStream != null && deadLetterSubject == null) {
            problems.add("option 'deadLetterStream' needs option 'deadLetterSubject'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid jetstream endpoint: " + String.join("; ", problems));
        }
    }

    public JetStreamConfiguration copy() {
        try {
            return (JetStreamConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getStream() { return stream; }
    public void setStream(String stream) { this.stream = stream; }
    public String getServers() { return servers; }
    public void setServers(String servers) { this.servers = servers; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getCredentialsFile() { return credentialsFile; }
    public void setCredentialsFile(String credentialsFile) { this.credentialsFile = credentialsFile; }
    public long getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(long connectTimeout) { this.connectTimeout = connectTimeout; }
    public boolean isCreateStream() { return createStream; }
    public void setCreateStream(boolean createStream) { this.createStream = createStream; }
    public String getRetention() { return retention; }
    public void setRetention(String retention) { this.retention = retention; }
    public long getMaxAge() { return maxAge; }
    public void setMaxAge(long maxAge) { this.maxAge = maxAge; }
    public long getMaxBytes() { return maxBytes; }
    public void setMaxBytes(long maxBytes) { this.maxBytes = maxBytes; }
    public long getMaxMessages() { return maxMessages; }
    public void setMaxMessages(long maxMessages) { this.maxMessages = maxMessages; }
    public long getDuplicateWindow() { return duplicateWindow; }
    public void setDuplicateWindow(long duplicateWindow) { this.duplicateWindow = duplicateWindow; }
    public String getStorage() { return storage; }
    public void setStorage(String storage) { this.storage = storage; }
    public int getMaxInflight() { return maxInflight; }
    public void setMaxInflight(int maxInflight) { this.maxInflight = maxInflight; }
    public long getPublishTimeout() { return publishTimeout; }
    public void setPublishTimeout(long publishTimeout) { this.publishTimeout = publishTimeout; }
    public boolean isExpectLastMessageId() { return expectLastMessageId; }
    public void setExpectLastMessageId(boolean expectLastMessageId) { this.expectLastMessageId = expectLastMessageId; }
    public String getDurable() { return durable; }
    public void setDurable(String durable) { this.durable = durable; }
    public boolean isCreateConsumer() { return createConsumer; }
    public void setCreateConsumer(boolean createConsumer) { this.createConsumer = createConsumer; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public long getMaxBatchBytes() { return maxBatchBytes; }
    public void setMaxBatchBytes(long maxBatchBytes) { this.maxBatchBytes = maxBatchBytes; }
    public boolean isPrefetch() { return prefetch; }
    public void setPrefetch(boolean prefetch) { this.prefetch = prefetch; }
    public long getMaxWait() { return maxWait; }
    public void setMaxWait(long maxWait) { this.maxWait = maxWait; }
    public long getAckWait() { return ackWait; }
    public void setAckWait(long ackWait) { this.ackWait = ackWait; }
    public int getMaxDeliver() { return maxDeliver; }
    public void setMaxDeliver(int maxDeliver) { this.maxDeliver = maxDeliver; }
    public long getRedeliveryDelay() { return redeliveryDelay; }
    public void setRedeliveryDelay(long redeliveryDelay) { this.redeliveryDelay = redeliveryDelay; }
    public long getMaxRedeliveryDelay() { return maxRedeliveryDelay; }
    public void setMaxRedeliveryDelay(long maxRedeliveryDelay) { this.maxRedeliveryDelay = maxRedeliveryDelay; }
    public String getDeadLetterSubject() { return deadLetterSubject; }
    public void setDeadLetterSubject(String deadLetterSubject) { this.deadLetterSubject = deadLetterSubject; }
    public String getDeadLetterStream() { return deadLetterStream; }
    public void setDeadLetterStream(String deadLetterStream) { this.deadLetterStream = deadLetterStream; }
}
