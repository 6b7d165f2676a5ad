package io.pgflo.camel.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique lower-case names for databases, slots, publications and streams, so tests never share one. */
public final class TestNames {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {
    }

    public static String unique(String purpose) {
        String base = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (base.length() > 30) {
            base = base.substring(0, 30);
        }
        return "t_" + base + "_" + COUNTER.incrementAndGet() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
    }
}
