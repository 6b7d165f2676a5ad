package io.pgflo.camel.component.jetstream;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * Runs one batch, in stream order, through the route and settles every message of it:
 * <ul>
 *   <li>success: ack all;</li>
 *   <li>a {@link PoisonMessageException}: dead-letter that message, ack it, run the rest again;</li>
 *   <li>a transient failure (I/O, a lost connection): nak all with back-off, however often;</li>
 *   <li>another failure: nak all with back-off; once the route has failed {@code maxDeliver} times on a
 *       message, not counting transient failures, run the messages one by one so only the failing one is
 *       dead-lettered.</li>
 * </ul>
 * Back-off and the dead-letter limit count the route's failures ({@link FailedAttempts}), not JetStream's
 * deliveries. Nothing is acked without having been delivered or dead-lettered.
 */
final class BatchProcessor {

    private final JetStreamBatchConsumer consumer;
    private final JetStreamConfiguration config;
    private final DeadLetters deadLetters;
    private final ScheduledExecutorService heartbeat;
    private final FailedAttempts<Message> attempts = new FailedAttempts<>(m -> m.metaData().streamSequence());
    /** The messages of the batch in hand that are acked: by identity, as the batch holds them. */
    private final Set<Message> settledNow = Collections.newSetFromMap(new IdentityHashMap<>());

    BatchProcessor(JetStreamBatchConsumer consumer, JetStreamConfiguration config, DeadLetters deadLetters,
                   ScheduledExecutorService heartbeat) {
        this.consumer = consumer;
        this.config = config;
        this.deadLetters = deadLetters;
        this.heartbeat = heartbeat;
    }

    /**
     * What became of a batch.
     *
     * @param settledPrefix how many messages, from the start of the batch, are settled (acked, or
     *                      dead-lettered and acked)
     * @param settledLater  sequences of messages after that prefix that are settled too (a poison message
     *                      dead-lettered before a later failure handed the others back); the order gate
     *                      must not wait for them
     */
    record Outcome(int settledPrefix, List<Long> settledLater) { }

    /** Settles the batch, which must be in stream order; what is not settled was handed back for redelivery. */
    Outcome process(List<Message> batch) {
        settledNow.clear();
        List<Message> pending = new ArrayList<>(batch);
        while (!pending.isEmpty()) {
            Throwable error = run(pending);
            if (error == null) {
                pending.forEach(this::ack);
                return outcome(batch);
            }
            PoisonMessageException poison = FailureKind.find(error, PoisonMessageException.class);
            Message poisoned = poison == null ? null : bySequence(pending, poison.streamSequence());
            if (poisoned != null && deadLetters.enabled()) {
                if (!deadLetterAndAck(poisoned, "cannot be processed: " + describe(error))) {
                    // The route failed for all of them, so all go back, in order. The dead-letter stream
                    // failing is no fault of theirs: it counts as a transient failure.
                    handBack(pending, attempts.failed(pending, true));
                    return outcome(batch);
                }
                pending.remove(poisoned);
                continue;
            }
            boolean transientFailure = FailureKind.isTransient(error);
            FailedAttempts.Count failures = attempts.failed(pending, transientFailure);
            if (!transientFailure && failures.permanent() >= config.getMaxDeliver() && deadLetters.enabled()) {
                processOneByOne(pending);
                return outcome(batch);
            }
            consumer.getExceptionHandler().handleException("jetstream: batch of " + pending.size() + " messages from "
                    + config.getDurable() + " failed (attempt " + failures.all() + "); redelivering in "
                    + backoff(failures).toMillis() + " ms", error);
            handBack(pending, failures);
            return outcome(batch);
        }
        return outcome(batch);
    }

    private Outcome outcome(List<Message> batch) {
        int prefix = 0;
        while (prefix < batch.size() && settledNow.contains(batch.get(prefix))) {
            prefix++;
        }
        List<Long> later = new ArrayList<>();
        for (Message message : batch.subList(prefix, batch.size())) {
            if (settledNow.contains(message)) {
                later.add(message.metaData().streamSequence());
            }
        }
        return new Outcome(prefix, later);
    }

    /**
     * Past the delivery limit: each message alone, so one bad message does not take its batch with it.
     * A transient failure hands that message and all after it back, in order.
     */
    private void processOneByOne(List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            Throwable error = run(List.of(message));
            boolean settled;
            if (error == null) {
                ack(message);
                settled = true;
            } else {
                boolean transientFailure = FailureKind.isTransient(error);
                attempts.failed(List.of(message), transientFailure);
                settled = !transientFailure && deadLetterAndAck(message, describe(error));
            }
            if (!settled) {
                handBack(messages.subList(i, messages.size()), attempts.of(message));
                return;
            }
        }
    }

    /** Everything before {@code sequence} was settled, by this worker or an earlier one. */
    void settledBefore(long sequence) {
        attempts.settledBefore(sequence);
    }

    private void ack(Message message) {
        message.ack();
        attempts.settled(message);
        settledNow.add(message);
    }

    private void handBack(List<Message> messages, FailedAttempts.Count failures) {
        Duration delay = backoff(failures);
        messages.forEach(m -> m.nakWithDelay(delay));
    }

    /**
     * Runs the route on the messages; returns its failure, or null. While it runs, the messages are
     * reported in progress, so a slow sink never sees them redelivered, while a crashed worker's batch
     * comes back after one ack wait.
     */
    private Throwable run(List<Message> messages) {
        long period = Math.max(100, config.getAckWait() / 3);
        ScheduledFuture<?> progress = heartbeat.scheduleAtFixedRate(() -> messages.forEach(JetStreamBatchConsumer::keepAlive),
                period, period, TimeUnit.MILLISECONDS);
        Exchange exchange = consumer.createExchange(false);
        try {
            List<InboundMessage> body = new ArrayList<>(messages.size());
            for (Message message : messages) {
                body.add(new InboundMessage(message.getSubject(), message.metaData().streamSequence(),
                        message.metaData().deliveredCount(), headers(message.getHeaders()), message.getData()));
            }
            exchange.getIn().setBody(body);
            exchange.getIn().setHeader(JetStreamConstants.FIRST_SEQUENCE, body.get(0).streamSequence());
            exchange.getIn().setHeader(JetStreamConstants.LAST_SEQUENCE, body.get(body.size() - 1).streamSequence());
            exchange.getIn().setHeader(JetStreamConstants.MESSAGE_COUNT, body.size());
            consumer.getProcessor().process(exchange);
            return exchange.getException();
        } catch (Exception e) {
            return e;
        } finally {
            progress.cancel(false);
            consumer.releaseExchange(exchange, false);
        }
    }

    /** @return whether the message is now dead-lettered and acked; if not, the caller hands it back */
    private boolean deadLetterAndAck(Message message, String reason) {
        try {
            deadLetters.send(message, reason);
            ack(message);
            return true;
        } catch (Exception e) {
            consumer.getExceptionHandler().handleException("jetstream: could not dead-letter message "
                    + message.metaData().streamSequence() + " of " + config.getStream(), e);
            return false;
        }
    }

    private Duration backoff(FailedAttempts.Count failures) {
        long delay = config.getRedeliveryDelay();
        for (int i = 1; i < failures.all() && delay < config.getMaxRedeliveryDelay(); i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, config.getMaxRedeliveryDelay()));
    }

    private static Message bySequence(List<Message> messages, long sequence) {
        for (Message message : messages) {
            if (message.metaData().streamSequence() == sequence) {
                return message;
            }
        }
        return null;
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> map = new HashMap<>();
        if (headers != null) {
            headers.entrySet().forEach(h -> map.put(h.getKey(), h.getValue().isEmpty() ? "" : h.getValue().get(0)));
        }
        return map;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 1500; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
        }
        return text.toString();
    }
}
