package io.pgflo.camel.bench;

import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Streaming catch-up of {@code pgwal:} into a route that only counts events, over the reference change
 * mix (350k changes in 350 transactions), against PostgreSQL's own catch-up measured in the same run.
 *
 * <p>Both clocks run from the moment the consumer (or the apply worker) starts until the slot has
 * confirmed the last change. Prints {@code key=value} lines.
 */
public final class PgWalDecodeBenchmark {

    private static final long CHANGES = 350_000;

    private PgWalDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workload = BenchSupport.workloadDir();
        PgServer source = TestServers.postgres();
        PgServer target = TestServers.secondPostgres();
        System.out.println("source=" + source);
        System.out.println("target=" + target);

        double nativeRate = BenchSupport.nativeFigure(source, target, "native_catchup_changes_per_s");

        double chunked = catchUp(source, workload, "");
        double perChange = catchUp(source, workload, "&exchangePerChange=true");
        System.out.printf(Locale.ROOT, "native_catchup_changes_per_s=%.0f%n", nativeRate);
        System.out.printf(Locale.ROOT, "pgwal_catchup_changes_per_s=%.0f%n", chunked);
        System.out.printf(Locale.ROOT, "pgwal_ratio_to_native=%.2f%n", chunked / nativeRate);
        System.out.printf(Locale.ROOT, "pgwal_per_change_exchanges_changes_per_s=%.0f%n", perChange);
        System.out.printf(Locale.ROOT, "pgwal_per_change_ratio_to_native=%.2f%n", perChange / nativeRate);
        System.out.println("peak_rss_mb=" + BenchSupport.peakRssMb());
        System.exit(0);
    }

    /**
     * Loads the initial rows into a fresh database (the change mix updates and deletes them), creates a
     * slot, writes the change mix behind it, then times the consumer's catch-up.
     */
    private static double catchUp(PgServer source, Path workload, String options) throws Exception {
        try (TestDatabase db = source.createDatabase("bench_pgwal")) {
            BenchSupport.psqlFile(db, workload.resolve("schema.sql"));
            BenchSupport.psqlFile(db, workload.resolve("initial_rows.sql"));
            return catchUp(db, workload, options);
        }
    }

    private static double catchUp(TestDatabase db, Path workload, String options) throws Exception {
        String slot = TestNames.unique("bench");
        db.execute("CREATE PUBLICATION " + slot + " FOR TABLE bench_events",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        BenchSupport.psqlFile(db, workload.resolve("change_mix.sql"));
        String end = db.queryString("SELECT pg_current_wal_lsn()::text");
        PgServer pg = db.server();
        String uri = "pgwal:" + slot + "?host=" + pg.host() + "&port=" + pg.port() + "&database=" + db.name()
                + "&user=" + pg.user() + (pg.password() == null ? "" : "&password=RAW(" + pg.password() + ")")
                + "&createSlot=false&createPublication=false&statusInterval=200" + options;
        AtomicLong events = new AtomicLong();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).process(exchange -> {
                        Object body = exchange.getIn().getBody();
                        events.addAndGet(body instanceof List<?> list ? list.size() : 1);
                    });
                }
            });
            long t0 = System.nanoTime();
            context.start();
            while (!"t".equals(db.queryString("SELECT confirmed_flush_lsn >= '" + end + "' FROM pg_replication_slots"
                    + " WHERE slot_name = '" + slot + "'"))) {
                Thread.sleep(50);
            }
            long t1 = System.nanoTime();
            if (events.get() != CHANGES) {
                throw new IllegalStateException("counted " + events.get() + " events, expected " + CHANGES);
            }
            return CHANGES / ((t1 - t0) / 1e9);
        } finally {
            db.execute("SELECT pg_drop_replication_slot('" + slot + "')", "DROP PUBLICATION " + slot);
        }
    }
}
