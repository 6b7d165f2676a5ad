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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The initial copy of the 1M-row reference table from the source through JetStream and the worker into a
 * PostgreSQL target, against PostgreSQL's own initial copy in the same run. The worker waits first; the
 * clock runs from the replicator's start (with --copy) until the worker has acknowledged the last message,
 * which it does only after the target committed it. PGFLO_BENCH_RUNS repeats the pair and adds the medians.
 */
public final class CopyBenchmark {

    private static final long ROWS = 1_000_000;

    private CopyBenchmark() {
    }

    /** One round: the native copy, then ours, on the same servers. */
    private record Round(double nativeRate, double rate, double ratio) { }

    public static void main(String[] args) throws Exception {
        Path workload = BenchSupport.workloadDir();
        PgServer source = TestServers.postgres();
        PgServer target = TestServers.secondPostgres();
        NatsServer nats = TestServers.nats();
        // PGFLO_BENCH_RUNS rounds, each the native copy then ours: on a shared two-core machine either one moves by a
        // third from run to run, and the median of several rounds says more than one.
        String runsSetting = System.getenv().getOrDefault("PGFLO_BENCH_RUNS", "1");
        int runs;
        try {
            runs = Integer.parseInt(runsSetting.trim());
        } catch (NumberFormatException e) {
            runs = 0;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("PGFLO_BENCH_RUNS is '" + runsSetting + "'; expected a number of rounds, 1 or more");
        }
        List<Round> rounds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            if (runs > 1) {
                System.out.println("round=" + run);
            }
            rounds.add(round(workload, source, target, nats));
        }
        if (runs > 1) {
            System.out.printf(Locale.ROOT, "median_native_initial_copy_rows_per_s=%.0f%n", median(rounds, Round::nativeRate));
            System.out.printf(Locale.ROOT, "median_copy_rows_per_s=%.0f%n", median(rounds, Round::rate));
            System.out.printf(Locale.ROOT, "median_copy_ratio_to_native=%.2f%n", median(rounds, Round::ratio));
        }
        System.exit(0);
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static Round round(Path workload, PgServer source, PgServer target, NatsServer nats) throws Exception {
        double nativeRate = BenchSupport.nativeFigure(source, target, "native_initial_copy_rows_per_s");

        String group = "copy-" + TestNames.unique("b").substring(2).replace('_', '-');
        try (TestDatabase src = source.createDatabase("bench_copy_source");
             TestDatabase dst = target.createDatabase("bench_copy_target");
             Connection nc = Nats.connect(nats.url())) {
            for (TestDatabase db : List.of(src, dst)) {
                BenchSupport.psqlFile(db, workload.resolve("schema.sql"));
            }
            BenchSupport.psqlFile(src, workload.resolve("initial_rows.sql"));
            src.execute("VACUUM ANALYZE bench_events", "CHECKPOINT");
            JetStreamManagement jsm = nc.jetStreamManagement();
            Process worker = BenchSupport.startPgFlo("worker", BenchSupport.WORKER_JVM, List.of("worker", "postgres", "--group", group,
                    "--nats-url", nats.url(), "--target-host", dst.server().host(), "--target-port",
                    String.valueOf(dst.server().port()), "--target-dbname", dst.name(), "--target-user", dst.server().user()),
                    Map.of("PG_FLO_TARGET_PASSWORD", password(dst)));
            Process replicator = null;
            try {
                BenchSupport.await(() -> jsm.getStreamNames().contains(PgFloNames.stream(group)), worker);
                long t0 = System.nanoTime();
                List<String> replicatorArgs = new ArrayList<>(List.of("replicator", "--copy", "--group", group,
                        "--host", src.server().host(), "--port", String.valueOf(src.server().port()), "--dbname", src.name(),
                        "--user", src.server().user(), "--nats-url", nats.url(), "--tables", "bench_events"));
                // PGFLO_BENCH_COPY_ARGS adds replicator options, for example --max-copy-workers-per-table 2.
                String extra = System.getenv("PGFLO_BENCH_COPY_ARGS");
                if (extra != null && !extra.isBlank()) {
                    replicatorArgs.addAll(List.of(extra.trim().split("\\s+")));
                }
                System.out.println("replicator_args=" + String.join(" ", replicatorArgs.subList(replicatorArgs.size()
                        - (extra == null || extra.isBlank() ? 0 : extra.trim().split("\\s+").length), replicatorArgs.size())));
                replicator = BenchSupport.startPgFlo("replicator", BenchSupport.REPLICATOR_JVM, replicatorArgs, Map.of("PG_FLO_PASSWORD", password(src)));
                long replicatorRss = 0;
                double replicatorCpu = 0;
                long firstMessage = 0;
                while (replicator.isAlive()) {
                    replicatorRss = Math.max(replicatorRss, BenchSupport.peakRssMb(replicator.pid()));
                    replicatorCpu = Math.max(replicatorCpu, BenchSupport.cpuSeconds(replicator.pid()));
                    if (firstMessage == 0 && jsm.getStreamInfo(PgFloNames.stream(group)).getStreamState().getLastSequence() > 0) {
                        firstMessage = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
                if (replicator.exitValue() != 0) {
                    throw new IllegalStateException("the replicator's copy failed with exit code " + replicator.exitValue());
                }
                long last = jsm.getStreamInfo(PgFloNames.stream(group)).getStreamState().getLastSequence();
                BenchSupport.await(() -> consumer(jsm, group).getAckFloor().getStreamSequence() >= last, worker);
                long t1 = System.nanoTime();
                long workerRss = BenchSupport.peakRssMb(worker.pid());
                double workerCpu = BenchSupport.cpuSeconds(worker.pid());
                String sum = "SELECT count(*) || ':' || sum(amount) FROM bench_events";
                if (!src.queryString(sum).equals(dst.queryString(sum))) {
                    throw new IllegalStateException("target differs: source " + src.queryString(sum) + ", target "
                            + dst.queryString(sum));
                }
                double rate = ROWS / ((t1 - t0) / 1e9);
                System.out.printf(Locale.ROOT, "native_initial_copy_rows_per_s=%.0f%n", nativeRate);
                System.out.printf(Locale.ROOT, "copy_rows_per_s=%.0f%n", rate);
                System.out.printf(Locale.ROOT, "copy_ratio_to_native=%.2f%n", rate / nativeRate);
                // Without the replicator's start (JVM, Camel, the copy's plan), which a larger table pays once:
                // from the first message in the stream (its last sequence: the worker deletes what it acked). Sampled every 50 ms; informative, not the headline.
                if (firstMessage > 0) {
                    System.out.printf(Locale.ROOT, "replicator_start_s=%.1f copy_rows_per_s_from_first_message=%.0f%n",
                            (firstMessage - t0) / 1e9, ROWS / ((t1 - firstMessage) / 1e9));
                }
                System.out.println("replicator_peak_rss_mb=" + replicatorRss);
                System.out.println("worker_peak_rss_mb=" + workerRss);
                // Where the two cores went: on this machine every process of the pipeline shares them.
                System.out.printf(Locale.ROOT, "elapsed_s=%.1f replicator_cpu_s=%.1f worker_cpu_s=%.1f%n", (t1 - t0) / 1e9,
                        replicatorCpu, workerCpu);
                jsm.deleteStream(PgFloNames.stream(group));
                jsm.deleteStream(PgFloNames.deadLetterStream(group));
                jsm.deleteStream("KV_" + PgFloNames.stateBucket(group));
                return new Round(nativeRate, rate, rate / nativeRate);
            } finally {
                if (replicator != null) {
                    replicator.destroy();
                    replicator.waitFor(60, TimeUnit.SECONDS);
                }
                worker.destroy();
                worker.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static String password(TestDatabase db) {
        return db.server().password() == null ? "" : db.server().password();
    }

    private static ConsumerInfo consumer(JetStreamManagement jsm, String group) {
        try {
            return jsm.getConsumerInfo(PgFloNames.stream(group), PgFloNames.durableConsumer(group));
        } catch (Exception e) {
            throw new IllegalStateException("reading the consumer of group " + group, e);
        }
    }
}
