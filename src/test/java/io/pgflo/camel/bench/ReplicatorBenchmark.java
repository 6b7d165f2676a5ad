package io.pgflo.camel.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.NatsServer;
import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import io.pgflo.camel.wire.WireDecoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replicator throughput: the reference change mix (350k changes) from {@code pgwal:} into JetStream, every
 * message acknowledged and the LSN confirmed, against PostgreSQL's own catch-up in the same run. The
 * replicator runs as users run it, in a JVM of its own, whose peak RSS is reported.
 *
 * <p>The clock starts when the replicator's walsender is active, as the native anchor's starts when its
 * apply worker runs, and stops when the slot has confirmed the last change.
 */
public final class ReplicatorBenchmark {

    private static final long CHANGES = 350_000;

    private ReplicatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workload = BenchSupport.workloadDir();
        PgServer source = TestServers.postgres();
        PgServer target = TestServers.secondPostgres();
        NatsServer nats = TestServers.nats();
        System.out.println("source=" + source);
        System.out.println("nats=" + nats);

        double nativeRate = BenchSupport.nativeFigure(source, target, "native_catchup_changes_per_s");

        String group = "bench-" + TestNames.unique("r").substring(2).replace('_', '-');
        try (TestDatabase db = source.createDatabase("bench_replicator")) {
            BenchSupport.psqlFile(db, workload.resolve("schema.sql"));
            BenchSupport.psqlFile(db, workload.resolve("initial_rows.sql"));
            String slot = PgFloNames.replicationSlot(group);
            db.execute("CREATE PUBLICATION " + PgFloNames.publication(group) + " FOR TABLES IN SCHEMA public",
                    "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            BenchSupport.psqlFile(db, workload.resolve("change_mix.sql"));
            String end = db.queryString("SELECT pg_current_wal_lsn()::text");

            Process replicator = BenchSupport.startPgFlo("replicator", BenchSupport.REPLICATOR_JVM, List.of("replicator",
                    "--group", group, "--host", db.server().host(), "--port", String.valueOf(db.server().port()),
                    "--dbname", db.name(), "--user", db.server().user(), "--nats-url", nats.url()),
                    Map.of("PG_FLO_PASSWORD", db.server().password() == null ? "" : db.server().password()));
            try {
                BenchSupport.await(() -> "t".equals(db.queryString("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")),
                        replicator);
                long t0 = System.nanoTime();
                BenchSupport.await(() -> "t".equals(db.queryString("SELECT confirmed_flush_lsn >= '" + end
                        + "' FROM pg_replication_slots WHERE slot_name = '" + slot + "'")), replicator);
                long t1 = System.nanoTime();
                long rssMb = BenchSupport.peakRssMb(replicator.pid());
                long published = countPublishedChanges(nats.url(), group);
                if (published != CHANGES) {
                    throw new IllegalStateException("JetStream holds " + published + " changes, expected " + CHANGES);
                }
                double rate = CHANGES / ((t1 - t0) / 1e9);
                System.out.printf(Locale.ROOT, "native_catchup_changes_per_s=%.0f%n", nativeRate);
                System.out.printf(Locale.ROOT, "replicator_changes_per_s=%.0f%n", rate);
                System.out.printf(Locale.ROOT, "replicator_ratio_to_native=%.2f%n", rate / nativeRate);
                System.out.println("replicator_peak_rss_mb=" + rssMb);
            } finally {
                replicator.destroy();
                replicator.waitFor(60, TimeUnit.SECONDS);
                try (Connection nc = Nats.connect(nats.url())) {
                    nc.jetStreamManagement().deleteStream(PgFloNames.stream(group));
                }
                db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            }
        }
        System.exit(0);
    }

    /** Decodes every message in the group's stream and counts the changes. */
    private static long countPublishedChanges(String natsUrl, String group) throws Exception {
        WireDecoder decoder = new WireDecoder();
        long changes = 0;
        try (Connection nc = Nats.connect(natsUrl)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            StreamInfo info = jsm.getStreamInfo(PgFloNames.stream(group));
            for (long seq = info.getStreamState().getFirstSequence(); seq <= info.getStreamState().getLastSequence(); seq++) {
                changes += decoder.decode(jsm.getMessage(PgFloNames.stream(group), seq).getData()).changes().size();
            }
        }
        return changes;
    }

}
