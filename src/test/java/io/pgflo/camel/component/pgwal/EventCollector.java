package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.ChangeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Collects the events and headers of every exchange a test route receives. */
final class EventCollector implements Processor {

    private final LinkedBlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
    final List<Map<String, Object>> headers = new CopyOnWriteArrayList<>();

    @Override
    public void process(Exchange exchange) {
        headers.add(Map.copyOf(exchange.getIn().getHeaders()));
        Object body = exchange.getIn().getBody();
        if (body instanceof List<?> list) {
            list.forEach(e -> events.add((ChangeEvent) e));
        } else {
            events.add((ChangeEvent) body);
        }
    }

    /** Waits for exactly {@code count} more events; fails when they do not come in time. */
    List<ChangeEvent> await(int count, Duration timeout) throws InterruptedException {
        List<ChangeEvent> result = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (result.size() < count) {
            long left = deadline - System.nanoTime();
            ChangeEvent next = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("expected " + count + " events within " + timeout + ", got " + result.size() + ": " + result);
            }
            result.add(next);
        }
        return result;
    }

    /** Asserts that nothing more arrives within {@code quiet}. */
    void assertNoMore(Duration quiet) throws InterruptedException {
        ChangeEvent extra = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (extra != null) {
            throw new AssertionError("unexpected event " + extra);
        }
    }
}
