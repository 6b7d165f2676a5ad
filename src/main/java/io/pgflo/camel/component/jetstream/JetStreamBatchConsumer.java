package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches batches from a durable pull consumer and hands each batch to the route as one exchange with a
 * {@code List<InboundMessage>} body. Acks only after the route succeeded; see {@link BatchProcessor} for
 * what happens otherwise.
 *
 * <p>With {@code prefetch}, a second thread fetches the next batch while the route runs the current one
 * and hands it over when the route is done; the route thread alone decides, through the {@link OrderGate},
 * what runs and in which order, exactly as without prefetch. A fetched batch waiting for the route is kept
 * alive with progress reports, and handed back (nak) when the consumer stops. So are messages that arrived
 * ahead of a gap ({@link EarlyMessages}), held until the gap is redelivered.
 */
public class JetStreamBatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(JetStreamBatchConsumer.class);
    /** Held messages ahead of a gap: from this many batches' worth of bytes on, fetch sparingly. */
    private static final int EARLY_BATCHES_FULL = 4;
    /** Held messages ahead of a gap: this many batches' worth of bytes at most. */
    private static final int EARLY_BATCHES_MAX = 8;
    private static final long HELD_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** While the held messages fill their bound: one message per fetch, and this long between fetches. */
    private static final Duration SPARING_FETCH_PAUSE = Duration.ofSeconds(1);
    private static final int NO_MESSAGE_FOUND = 10037;
    private static final long EMPTY_FETCH_PAUSE_MILLIS = 50;
    /** What the server counts in a message's size besides its payload: subject, reply subject, headers. */
    private static final long MESSAGE_OVERHEAD_BYTES = 64 * 1024;

    private final JetStreamConfiguration config;
    private Connection connection;
    private io.nats.client.JetStreamSubscription subscription;
    private PullFetcher<Message> pulls;
    /** A pull's byte bound: maxBatchBytes, but never below what one message of this server may be. */
    private long pullMaxBytes;
    private ExecutorService poller;
    private java.util.concurrent.ScheduledExecutorService heartbeat;
    private ExecutorService fetcher;
    private final SynchronousQueue<List<Message>> handOver = new SynchronousQueue<>();
    private volatile boolean polling;
    private OrderGate<Message> gate;
    private EarlyMessages<Message> early;
    private long lastHeldCheck;
    private long gapSince;
    private long gapSequence;

    public JetStreamBatchConsumer(JetStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration().copy();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        connection = ((JetStreamEndpoint) getEndpoint()).connect("consumer");
        JetStreamManagement management = connection.jetStreamManagement();
        if (config.isCreateStream()) {
            StreamProvisioner.ensureStream(management, config.getStream(), config.getSubject(), config, false);
        }
        if (config.getDeadLetterStream() != null) {
            StreamProvisioner.ensureDeadLetterStream(management, config.getDeadLetterStream(), config.getDeadLetterSubject());
        }
        if (config.isCreateConsumer()) {
            // With prefetch, one batch is in the route and the next one on its way.
            int maxAckPending = config.isPrefetch() ? 2 * config.getBatchSize() : config.getBatchSize();
            StreamProvisioner.ensureConsumer(management, config.getStream(), config.getDurable(), config.getSubject(),
                    maxAckPending, config.getAckWait(), true);
        }
        JetStream jetStream = connection.jetStream();
        subscription = jetStream.subscribe(null, io.nats.client.PullSubscribeOptions.fastBind(config.getStream(),
                config.getDurable()));
        pulls = new PullFetcher<>(pullSource(subscription), JetStreamBatchConsumer::size);
        // The server never sends a message larger than a pull's byte bound; it would wait for ever.
        pullMaxBytes = Math.max(config.getMaxBatchBytes(), connection.getServerInfo().getMaxPayload() + MESSAGE_OVERHEAD_BYTES);
        heartbeat = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "jetstream-progress-" + config.getDurable());
        String streamCreated = management.getStreamInfo(config.getStream()).getCreateTime().toInstant().toString();
        BatchProcessor batches = new BatchProcessor(this, config, new DeadLetters(jetStream, config, streamCreated), heartbeat);
        long ackFloor = management.getConsumerInfo(config.getStream(), config.getDurable()).getAckFloor().getStreamSequence();
        gate = new OrderGate<>(ackFloor + 1, m -> m.metaData().streamSequence(),
                (from, to) -> holdsMessageBetween(management, from, to));
        early = new EarlyMessages<>(m -> m.metaData().streamSequence(), JetStreamBatchConsumer::size,
                EARLY_BATCHES_FULL * config.getMaxBatchBytes(), EARLY_BATCHES_MAX * config.getMaxBatchBytes());
        gapSince = 0;
        lastHeldCheck = 0;
        long keepAlive = Math.max(100, config.getAckWait() / 3);
        heartbeat.scheduleAtFixedRate(() -> early.forEach(JetStreamBatchConsumer::keepAlive), keepAlive, keepAlive,
                TimeUnit.MILLISECONDS);
        polling = true;
        poller = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "jetstream-" + config.getDurable());
        if (config.isPrefetch()) {
            fetcher = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "jetstream-fetch-" + config.getDurable());
            fetcher.submit(this::prefetch);
            poller.submit(() -> poll(batches, this::takePrefetched));
        } else {
            poller.submit(() -> poll(batches, this::fetch));
        }
    }

    /** Where the route thread gets its next batch: a fetch of its own, or the prefetching thread. */
    @FunctionalInterface
    private interface BatchSource {
        List<Message> next() throws Exception;
    }

    private boolean running() {
        return polling && isRunAllowed();
    }

    private void poll(BatchProcessor batches, BatchSource source) {
        while (running()) {
            try {
                List<Message> messages = source.next();
                // Held messages are looked at again with each fetch, and at least every second without
                // one: a gap may turn out to be one no message will fill (a message removed by a limit).
                if (!messages.isEmpty() || (!early.isEmpty() && System.nanoTime() - lastHeldCheck >= HELD_RECHECK_NANOS)) {
                    if (!early.isEmpty()) {
                        lastHeldCheck = System.nanoTime();
                    }
                    List<Message> candidates = withoutSupersededCopies(early.takeAll(), messages);
                    OrderGate.Split<Message> split;
                    try {
                        split = gate.split(candidates);
                    } catch (RuntimeException e) {
                        // Dropped, they would come back only after an ack wait, as a gap of their own.
                        hold(candidates);
                        throw e;
                    }
                    settle(batches, split);
                    reportGapFilled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!polling) {
                    return;
                }
                getExceptionHandler().handleException("jetstream: fetching or settling a batch from " + config.getDurable()
                        + " failed", e);
                pause(config.getRedeliveryDelay());
            }
        }
    }

    private List<Message> takePrefetched() throws InterruptedException {
        List<Message> messages = handOver.poll(200, TimeUnit.MILLISECONDS);
        return messages == null ? List.of() : messages;
    }

    /** The prefetching thread: fetches a batch, waits until the route thread takes it, fetches the next. */
    private void prefetch() {
        long keepAlive = Math.max(100, config.getAckWait() / 3);
        while (running()) {
            List<Message> messages;
            try {
                messages = fetch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running()) {
                    return;
                }
                getExceptionHandler().handleException("jetstream: fetching a batch from " + config.getDurable() + " failed", e);
                pause(config.getRedeliveryDelay());
                continue;
            }
            if (messages.isEmpty()) {
                continue;
            }
            // Waiting may outlast the ack wait when the route is slow; the server must not redeliver meanwhile.
            ScheduledFuture<?> progress = heartbeat.scheduleAtFixedRate(() -> messages.forEach(JetStreamBatchConsumer::keepAlive),
                    keepAlive, keepAlive, TimeUnit.MILLISECONDS);
            boolean handedOver = false;
            try {
                while (!handedOver && running()) {
                    handedOver = handOver.offer(messages, 200, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                progress.cancel(false);
                if (!handedOver) {
                    // Stopping: hand the batch back now, for the next worker, instead of after the ack wait.
                    messages.forEach(Message::nak);
                    LOG.debug("{} prefetched messages of {} handed back on stop", messages.size(), config.getDurable());
                }
            }
            if (!handedOver) {
                return;
            }
        }
    }

    /**
     * Up to batchSize messages and about maxBatchBytes, so a fetch of large messages stays bounded in memory;
     * one message, after a pause, while the messages held ahead of a gap are full. Only JetStream messages;
     * status messages of the pull are left out.
     */
    private List<Message> fetch() throws Exception {
        boolean sparingly = early.full();
        if (sparingly) {
            pause(SPARING_FETCH_PAUSE.toMillis());
        }
        int wanted = sparingly ? 1 : config.getBatchSize();
        long expiresMillis = Math.max(1000, config.getMaxWait());
        long started = System.nanoTime();
        List<Message> messages = pulls.fetch(wanted, pullMaxBytes, expiresMillis);
        if (messages.isEmpty() && System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(expiresMillis / 2)) {
            // Refused at once (the server still held an earlier pull of ours): not a reason to ask again
            // in a tight loop.
            pause(EMPTY_FETCH_PAUSE_MILLIS);
        }
        return messages;
    }

    /**
     * The subscription's pulls: "no wait" with an expiry, so the server ends a pull as soon as it has sent
     * what is available (redeliveries included) and only a pull on an idle consumer waits.
     */
    private static PullFetcher.Source<Message> pullSource(io.nats.client.JetStreamSubscription subscription) {
        return new PullFetcher.Source<>() {
            @Override
            public void pull(int messages, long maxBytes, long expiresMillis) {
                subscription.pull(io.nats.client.PullRequestOptions.builder(messages).maxBytes(maxBytes).noWait()
                        .expiresIn(expiresMillis).build());
            }

            @Override
            public Message next(long waitMillis) throws InterruptedException {
                // jnats: a null wait takes only what is there; a zero one would wait for ever.
                return subscription.nextMessage(waitMillis < 1 ? null : Duration.ofMillis(waitMillis));
            }
        };
    }

    private void settle(BatchProcessor batches, OrderGate.Split<Message> split) {
        // Redelivered copies of messages already processed: their earlier ack was lost.
        split.alreadyProcessed().forEach(Message::ack);
        hold(split.early());
        List<Message> ready = split.ready();
        int from = 0;
        while (from < ready.size()) {
            if (!running()) {
                // Stopping: the rest is handed back with the held messages, at once.
                hold(ready.subList(from, ready.size()));
                return;
            }
            int to = batchEnd(ready, from);
            List<Message> batch = ready.subList(from, to);
            BatchProcessor.Outcome outcome = batches.process(batch);
            if (outcome.settledPrefix() > 0) {
                gate.processed(batch.get(outcome.settledPrefix() - 1).metaData().streamSequence());
            }
            outcome.settledLater().forEach(gate::settledAhead);
            batches.settledBefore(gate.next());
            if (outcome.settledPrefix() < batch.size()) {
                // The rest waits behind the messages handed back, to keep the order.
                hold(ready.subList(to, ready.size()));
                return;
            }
            from = to;
        }
    }

    /**
     * The held messages and a fetch, one delivery per sequence. A held message can be delivered again (its
     * progress reports lapsed during a disconnect); the newer delivery is the one to settle, and the older
     * one must not be mistaken for a copy of a processed message and acked before the route ran.
     */
    private static List<Message> withoutSupersededCopies(List<Message> held, List<Message> fetched) {
        Map<Long, Message> bySequence = new LinkedHashMap<>();
        held.forEach(m -> bySequence.put(m.metaData().streamSequence(), m));
        fetched.forEach(m -> bySequence.put(m.metaData().streamSequence(), m));
        return new ArrayList<>(bySequence.values());
    }

    /**
     * One failed progress report (a connection closing) must not end the periodic reports for the other
     * messages, or for the messages that come later.
     */
    static void keepAlive(Message message) {
        try {
            message.inProgress();
        } catch (RuntimeException e) {
            LOG.debug("progress report for a held message failed: {}", e.toString());
        }
    }

    /**
     * One exchange holds at most {@code batchSize} messages and about {@code maxBatchBytes}: a message may
     * carry a thousand changes, and a sink's transaction and memory should not grow with the fetch.
     */
    private int batchEnd(List<Message> messages, int from) {
        long bytes = 0;
        int to = from;
        while (to < messages.size()) {
            long size = messages.get(to).getData() == null ? 0 : messages.get(to).getData().length;
            if (to > from && bytes + size > config.getMaxBatchBytes()) {
                break;
            }
            bytes += size;
            to++;
        }
        return to;
    }

    /**
     * Holds messages that must wait for an earlier one. What does not fit goes back with a delay of one ack
     * wait: the server redelivers what is due in the order it fell due, so a quick return would put them
     * again and again ahead of the gap.
     */
    private void hold(List<Message> waiting) {
        if (gapSince == 0 && !waiting.isEmpty()) {
            gapSince = System.nanoTime();
            gapSequence = gate.next();
        }
        List<Message> overflow = early.hold(waiting);
        overflow.forEach(m -> m.nakWithDelay(Duration.ofMillis(config.getAckWait())));
        if (waiting.isEmpty()) {
            return;
        }
        LOG.debug("{} messages of {} wait for sequence {}: {} held ({} bytes), {} handed back", waiting.size(),
                config.getDurable(), gate.next(), early.size(), early.bytes(), overflow.size());
    }

    /** A gap worth a line: one that took long enough to be seen in the throughput. */
    private void reportGapFilled() {
        if (gapSince == 0 || !early.isEmpty()) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gapSince);
        if (millis >= 1000) {
            LOG.info("{}: stream sequence {} arrived {} ms after later messages, which were held until then",
                    config.getDurable(), gapSequence, millis);
        }
        gapSince = 0;
    }

    private static long size(Message message) {
        return message.getData() == null ? 0 : message.getData().length;
    }

    /**
     * Whether a message the consumer has not acknowledged may still come in the range. Below the consumer's
     * ack floor nothing will: that also covers a message dead-lettered while its neighbours went back, which
     * a stream with limits retention keeps, and which a restarted worker knows nothing of.
     */
    private boolean holdsMessageBetween(JetStreamManagement management, long from, long toExclusive) {
        try {
            long ackFloor = management.getConsumerInfo(config.getStream(), config.getDurable()).getAckFloor().getStreamSequence();
            long start = Math.max(from, ackFloor + 1);
            if (start >= toExclusive) {
                return false;
            }
            return management.getNextMessage(config.getStream(), start, config.getSubject()).getSeq() < toExclusive;
        } catch (io.nats.client.JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return false;
            }
            throw new IllegalStateException("looking up stream " + config.getStream() + " from sequence " + from, e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("looking up stream " + config.getStream(), e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() throws Exception {
        // The batch in progress finishes and is acked; no new fetch starts; a prefetched batch is handed back.
        polling = false;
        boolean fetchingEnded = true;
        if (poller != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(poller);
            fetchingEnded = poller.isTerminated();
            poller = null;
        }
        if (fetcher != null) {
            // Ends with its fetch in progress (at most maxWait), handing back what it holds.
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(fetcher);
            fetchingEnded &= fetcher.isTerminated();
            fetcher = null;
        }
        if (heartbeat != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(heartbeat);
            heartbeat = null;
        }
        if (early != null) {
            // For the next worker now, instead of after the ack wait.
            early.takeAll().forEach(Message::nak);
        }
        if (pulls != null && fetchingEnded) {
            // Messages that arrived after the last fetch ended: the same. Not while a fetch that outlasted the
            // graceful stop may still be taking them; then they come back after the ack wait.
            pulls.drain().forEach(Message::nak);
        }
        pulls = null;
        if (connection != null) {
            connection.flush(Duration.ofSeconds(5));
            connection.close();
            connection = null;
        }
        LOG.debug("jetstream consumer {} stopped", config.getDurable());
        super.doStop();
    }
}
