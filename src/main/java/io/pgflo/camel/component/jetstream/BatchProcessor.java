package io.pgflo.camel.component.jetstream;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Runs one fetched batch through the route and settles every message of it:
 * <ul>
 *   <li>success: ack all;</li>
 *   <li>a {@link PoisonMessageException}: dead-letter that message, ack it, run the rest again;</li>
 *   <li>a transient failure (I/O, a lost connection): nak all with back-off, however often;</li>
 *   <li>another failure: nak all with back-off; once a message has been delivered {@code maxDeliver}
 *       times, run the messages one by one so only the failing one is dead-lettered.</li>
 * </ul>
 * Nothing is acked without having been delivered or dead-lettered.
 */
final class BatchProcessor {

    private final JetStreamBatchConsumer consumer;
    private final JetStreamConfiguration config;
    private final DeadLetters deadLetters;

    BatchProcessor(JetStreamBatchConsumer consumer, JetStreamConfiguration config, DeadLetters deadLetters) {
        this.consumer = consumer;
        this.config = config;
        this.deadLetters = deadLetters;
    }

    void process(List<Message> batch) {
        List<Message> pending = new ArrayList<>(batch);
        while (!pending.isEmpty()) {
            Throwable error = run(pending);
            if (error == null) {
                pending.forEach(Message::ack);
                return;
            }
            PoisonMessageException poison = FailureKind.find(error, PoisonMessageException.class);
            Message poisoned = poison == null ? null : bySequence(pending, poison.streamSequence());
            if (poisoned != null && deadLetters.enabled()) {
                deadLetterAndAck(poisoned, "cannot be processed: " + describe(error));
                pending.remove(poisoned);
                continue;
            }
            long deliveries = maxDeliveries(pending);
            if (!FailureKind.isTransient(error) && deliveries >= config.getMaxDeliver() && deadLetters.enabled()) {
                if (pending.size() == 1) {
                    deadLetterAndAck(pending.get(0), describe(error));
                } else {
                    pending.forEach(this::processAlone);
                }
                return;
            }
            Duration delay = backoff(deliveries);
            consumer.getExceptionHandler().handleException("jetstream: batch of " + pending.size() + " messages from "
                    + config.getDurable() + " failed (delivery " + deliveries + "); redelivering in " + delay.toMillis() + " ms", error);
            pending.forEach(m -> m.nakWithDelay(delay));
            return;
        }
    }

    /** Past the delivery limit: each message alone, so one bad message does not take its batch with it. */
    private void processAlone(Message message) {
        Throwable error = run(List.of(message));
        if (error == null) {
            message.ack();
        } else if (FailureKind.isTransient(error)) {
            message.nakWithDelay(backoff(message.metaData().deliveredCount()));
        } else {
            deadLetterAndAck(message, describe(error));
        }
    }

    /** Runs the route on the messages; returns its failure, or null. */
    private Throwable run(List<Message> messages) {
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
            consumer.releaseExchange(exchange, false);
        }
    }

    private void deadLetterAndAck(Message message, String reason) {
        try {
            deadLetters.send(message, reason);
            message.ack();
        } catch (Exception e) {
            // Not acked: the message comes back and its dead-lettering is tried again.
            consumer.getExceptionHandler().handleException("jetstream: could not dead-letter message "
                    + message.metaData().streamSequence() + " of " + config.getStream(), e);
            message.nakWithDelay(backoff(message.metaData().deliveredCount()));
        }
    }

    private Duration backoff(long deliveries) {
        long delay = config.getRedeliveryDelay();
        for (long i = 1; i < deliveries && delay < config.getMaxRedeliveryDelay(); i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, config.getMaxRedeliveryDelay()));
    }

    private static long maxDeliveries(List<Message> messages) {
        long max = 0;
        for (Message message : messages) {
            max = Math.max(max, message.metaData().deliveredCount());
        }
        return max;
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
