package io.pgflo.camel.pipeline;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in pipeline tests for something the processes under test bring about. */
final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    private Await() {
    }

    /** Waits up to 90 s for the condition; on failure the message holds the processes' logs. */
    static void awaitTrue(String what, BooleanSupplier condition, PgFloProcess... processes) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (PgFloProcess p : processes) {
                    logs.append(p.log()).append("\n----\n");
                }
                throw new AssertionError(what + " did not happen within " + LIMIT.toSeconds() + " s; logs:\n" + logs);
            }
            Thread.sleep(200);
        }
    }
}
