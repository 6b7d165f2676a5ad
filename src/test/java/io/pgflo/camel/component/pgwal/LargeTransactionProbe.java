package io.pgflo.camel.component.pgwal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run in a JVM of its own with a small heap by {@link LargeTransactionIT}: counts the events of a route
 * from {@code args[0]} until {@code args[1]} have arrived, then prints what it saw.
 */
public final class LargeTransactionProbe {

    private LargeTransactionProbe() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        long expected = Long.parseLong(args[1]);
        AtomicLong events = new AtomicLong();
        AtomicInteger exchanges = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).process(exchange -> {
                        int size = exchange.getIn().getBody(List.class).size();
                        events.addAndGet(size);
                        exchanges.incrementAndGet();
                        largest.accumulateAndGet(size, Math::max);
                    });
                }
            });
            context.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (events.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Runtime rt = Runtime.getRuntime();
            System.out.println("events=" + events.get() + " exchanges=" + exchanges.get() + " largest=" + largest.get()
                    + " maxHeapMb=" + rt.maxMemory() / (1024 * 1024));
        }
        System.exit(events.get() == expected ? 0 : 1);
    }
}
