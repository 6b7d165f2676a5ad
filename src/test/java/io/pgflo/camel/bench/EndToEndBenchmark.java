package io.pgflo.camel.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.NatsServer;
import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The reference change mix (350k changes) from the source through JetStream and the worker into a
 * PostgreSQL target, against PostgreSQL's own catch-up in the same run. The replicator first puts the
 * whole mix into JetStream; the clock runs from the moment the worker fetches its first batch until it
 * has acknowledged the last message, which it does only after the target committed it.
 */
public final class EndToEndBenchmark {

    private static final long CHANGES = 350_000;

    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workload = BenchSupport.workloadDir();
        PgServer source = TestServers.postgres();
        PgServer target = TestServers.secondPostgres();
        NatsServer nats = TestServers.nats();

        double nativeRate = BenchSupport.nativeFigure(source, target, "native_catchup_changes_per_s");

        String group = "e2e-" + TestNames.unique("b").substring(2).replace('_', '-');
        try (TestDatabase src = source.createDatabase("bench_e2e_source");
             TestDatabase dst = target.createDatabase("bench_e2e_target")) {
            for (TestDatabase db : List.of(src, dst)) {
                BenchSupport.psqlFile(db, workload.resolve("schema.sql"));
                BenchSupport.psqlFile(db, workload.resolve("initial_rows.sql"));
            }
            String slot = PgFloNames.replicationSlot(group);
            src.execute("CREATE PUBLICATION " + PgFloNames.publication(group) + " FOR TABLES IN SCHEMA public",
                    "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
            BenchSupport.psqlFile(src, workload.resolve("change_mix.sql"));
            String end = src.queryString("SELECT pg_current_wal_lsn()::text");

            Process replicator = start("replicator", List.of("replicator", "--group", group, "--host", src.server().host(),
                    "--port", String.valueOf(src.server().port()), "--dbname", src.name(), "--user", src.server().user(),
                    "--nats-url", nats.url()), "PG_FLO_PASSWORD", src.server().password());
            Process worker = null;
            try {
                BenchSupport.await(() -> "t".equals(src.queryString("SELECT confirmed_flush_lsn >= '" + end
                        + "' FROM pg_replication_slots WHERE slot_name = '" + slot + "'")), replicator);
                try (Connection nc = Nats.connect(nats.url())) {
                    JetStreamManagement jsm = nc.jetStreamManagement();
                    long lastSequence = jsm.getStreamInfo(PgFloNames.stream(group)).getStreamState().getLastSequence();
                    worker = start("worker", List.of("worker", "postgres", "--group", group, "--nats-url", nats.url(),
                            "--target-host", dst.server().host(), "--target-port", String.valueOf(dst.server().port()),
                            "--target-dbname", dst.name(), "--target-user", dst.server().user()),
                            "PG_FLO_TARGET_PASSWORD", dst.server().password());
                    Process running = worker;
                    BenchSupport.await(() -> consumer(jsm, group).getDelivered().getStreamSequence() > 0, running);
                    long t0 = System.nanoTime();
                    BenchSupport.await(() -> consumer(jsm, group).getAckFloor().getStreamSequence() >= lastSequence, running);
                    long t1 = System.nanoTime();
                    long rss = BenchSupport.peakRssMb(worker.pid());
                    String sum = "SELECT count(*) || ':' || sum(amount) FROM bench_events";
                    if (!src.queryString(sum).equals(dst.queryString(sum))) {
                        throw new IllegalStateException("target differs: source " + src.queryString(sum) + ", target " + dst.queryString(sum));
                    }
                    double rate = CHANGES / ((t1 - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "native_catchup_changes_per_s=%.0f%n", nativeRate);
                    System.out.printf(Locale.ROOT, "end_to_end_changes_per_s=%.0f%n", rate);
                    System.out.printf(Locale.ROOT, "end_to_end_ratio_to_native=%.2f%n", rate / nativeRate);
                    System.out.println("worker_peak_rss_mb=" + rss);
                    jsm.deleteStream(PgFloNames.stream(group));
                    jsm.deleteStream(PgFloNames.deadLetterStream(group));
                }
            } finally {
                replicator.destroy();
                replicator.waitFor(60, TimeUnit.SECONDS);
                if (worker != null) {
                    worker.destroy();
                    worker.waitFor(60, TimeUnit.SECONDS);
                }
            }
        }
        System.exit(0);
    }

    private static ConsumerInfo consumer(JetStreamManagement jsm, String group) {
        try {
            return jsm.getConsumerInfo(PgFloNames.stream(group), PgFloNames.durableConsumer(group));
        } catch (Exception e) {
            throw new IllegalStateException("reading the consumer of group " + group, e);
        }
    }

    private static Process start(String name, List<String> args, String passwordVariable, String password)
            throws Exception {
        return BenchSupport.startPgFlo(name, "worker".equals(name) ? BenchSupport.WORKER_JVM : BenchSupport.REPLICATOR_JVM, args,
                java.util.Collections.singletonMap(passwordVariable, password));
    }

}
