package io.pgflo.camel.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.pgflo.camel.app.PgFloMain;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.NatsServer;
import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What rules cost the worker: the reference change mix is put once into a stream that keeps acknowledged
 * messages, behind a warm-up mix of the same shape on other rows; then, round after round, one worker drains
 * it with no rules and another with five rules on the table, both into the file sink, each with a new
 * consumer that starts from the first message. The order alternates between rounds, so a machine that gets
 * busier or quieter favours neither.
 *
 * <p>Each worker is a new JVM, and a 350k-change drain lasts a few seconds, about as long as the JIT compiler
 * takes to compile the worker's hot code: measured per thread, a fresh worker spent about 4 s of CPU in C2
 * and 3 s running the route over the mix. So each round gives two figures. The cold one runs from the first
 * fetched batch to the last acknowledgement of the warm-up mix, and measures warm-up as much as rules. The
 * warm one runs from there to the last acknowledgement of the reference mix, on compiled code, as a
 * long-running worker runs; the target is read on it. Both are compared by their medians over the
 * rounds, in throughput and in the worker's CPU time per change, which other load on a shared two-core
 * machine disturbs less than the wall clock.
 */
public final class RulesBenchmark {

    private static final long CHANGES = 350_000;
    private static final int ROUNDS = 5;
    // A bounded heap, and the throughput collector: on two cores G1's concurrent work competes with the worker.
    private static final List<String> WORKER_JVM = BenchSupport.WORKER_JVM;
    /** Mask, regex, two filters and a hash: one of each kind of work a rule does, on a table every change hits. */
    static final String RULES = """
            tables:
              bench_events:
                - type: transform
                  column: kind
                  parameters: {type: mask, mask_char: "*"}
                - type: transform
                  column: payload
                  parameters: {type: regex, pattern: "y+", replace: "y"}
                - type: filter
                  column: amount
                  parameters: {operator: gte, value: 0}
                  allow_empty_deletes: true
                - type: filter
                  column: account_id
                  parameters: {operator: lt, value: 100000}
                  allow_empty_deletes: true
                - type: transform
                  column: account_id
                  parameters: {type: hash, key: "bench-key"}
            """;

    /**
     * The reference mix's shape (200 inserts, 100 updates and 50 deletes of 1,000 rows, a transaction each) on
     * rows the reference mix never touches: its updates and deletes take ids 1 to 150,000.
     */
    private static final String WARM_UP_MIX = """
            DO $$
            BEGIN
              FOR i IN 1..200 LOOP
                INSERT INTO bench_events(account_id, kind, amount, payload)
                  SELECT g % 1000, 'w' || (g % 7), (g % 100000) / 100.0,
                         jsonb_build_object('n', g, 'tag', 't' || (g % 13), 'note', repeat('y', 40))
                  FROM generate_series(1, 1000) g;
                COMMIT;
              END LOOP;
              FOR i IN 200..299 LOOP
                UPDATE bench_events SET amount = amount + 1, kind = 'warm' WHERE id > i * 1000 AND id <= (i + 1) * 1000;
                COMMIT;
              END LOOP;
              FOR i IN 300..349 LOOP
                DELETE FROM bench_events WHERE id > i * 1000 AND id <= (i + 1) * 1000;
                COMMIT;
              END LOOP;
            END $$;
            """;

    private RulesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path workload = BenchSupport.workloadDir();
        PgServer source = TestServers.postgres();
        NatsServer nats = TestServers.nats();
        Path work = Files.createTempDirectory("pgflo-rules-bench");
        Path rules = work.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        String group = "rb-" + TestNames.unique("g").substring(2).replace('_', '-');
        String stream = PgFloNames.stream(group);
        System.out.println("processes_log=" + work.resolve("processes.log"));
        try (TestDatabase src = source.createDatabase("bench_rules");
             Connection nc = Nats.connect(nats.url())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            // Kept after acknowledgement, so every round reads the same messages.
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(PgFloNames.subject(group))
                    .retentionPolicy(RetentionPolicy.Limits).storageType(StorageType.File).build());
            BenchSupport.psqlFile(src, workload.resolve("schema.sql"));
            BenchSupport.psqlFile(src, workload.resolve("initial_rows.sql"));
            src.execute("CREATE PUBLICATION " + PgFloNames.publication(group) + " FOR TABLES IN SCHEMA public",
                    "SELECT pg_create_logical_replication_slot('" + PgFloNames.replicationSlot(group) + "', 'pgoutput')");
            String slot = PgFloNames.replicationSlot(group);
            Process replicator = start(List.of("replicator", "--group", group, "--host", src.server().host(),
                    "--port", String.valueOf(src.server().port()), "--dbname", src.name(), "--user", src.server().user(),
                    "--nats-url", nats.url()), work);
            Path warmUp = work.resolve("warm_up_mix.sql");
            Files.writeString(warmUp, WARM_UP_MIX);
            BenchSupport.psqlFile(src, warmUp);
            awaitConfirmed(src, slot, replicator);
            long warmUpLast = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
            BenchSupport.psqlFile(src, workload.resolve("change_mix.sql"));
            awaitConfirmed(src, slot, replicator);
            replicator.destroy();
            replicator.waitFor(60, TimeUnit.SECONDS);
            src.execute("SELECT pg_drop_replication_slot('" + slot + "')");

            Figures cold = new Figures();
            Figures warm = new Figures();
            for (int round = 1; round <= ROUNDS; round++) {
                boolean plainFirst = round % 2 == 1;
                for (boolean ruled : plainFirst ? List.of(false, true) : List.of(true, false)) {
                    List<String> extra = ruled ? List.of("--rules-config", rules.toString()) : List.of();
                    Drain run = drain(jsm, group, nats, work.resolve("r" + round + (ruled ? "-rules" : "-plain")), extra, work,
                            warmUpLast);
                    cold.add(ruled, run.cold());
                    warm.add(ruled, run.warm());
                    String name = ruled ? "five_rules" : "no_rules";
                    System.out.printf(Locale.ROOT, "round_%d_%s_cold_changes_per_s=%.0f cpu_us_per_change=%.2f"
                            + " | warm_changes_per_s=%.0f cpu_us_per_change=%.2f%n", round, name, run.cold().rate(),
                            run.cold().cpuMicros(), run.warm().rate(), run.warm().cpuMicros());
                }
            }
            System.out.println("worker_jvm_options=" + String.join(" ", WORKER_JVM));
            cold.print("cold");
            warm.print("warm");
            jsm.deleteStream(stream);
            jsm.deleteStream(PgFloNames.deadLetterStream(group));
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One interval of a drain: changes per second, and the worker's CPU microseconds per change. */
    private record Interval(double rate, double cpuMicros) { }

    private record Drain(Interval cold, Interval warm) { }

    /** Each interval's figures by round, with and without rules, and their medians. */
    private static final class Figures {
        private final List<Double> plainRates = new ArrayList<>();
        private final List<Double> ruledRates = new ArrayList<>();
        private final List<Double> plainCpu = new ArrayList<>();
        private final List<Double> ruledCpu = new ArrayList<>();

        void add(boolean ruled, Interval interval) {
            (ruled ? ruledRates : plainRates).add(interval.rate());
            (ruled ? ruledCpu : plainCpu).add(interval.cpuMicros());
        }

        void print(String phase) {
            double plain = median(plainRates);
            double ruled = median(ruledRates);
            System.out.printf(Locale.ROOT, "%s_worker_no_rules_changes_per_s_median=%.0f%n", phase, plain);
            System.out.printf(Locale.ROOT, "%s_worker_five_rules_changes_per_s_median=%.0f%n", phase, ruled);
            System.out.printf(Locale.ROOT, "%s_rules_cost_percent=%.1f%n", phase, 100 * (1 - ruled / plain));
            double plainMicros = median(plainCpu);
            double ruledMicros = median(ruledCpu);
            System.out.printf(Locale.ROOT, "%s_worker_no_rules_cpu_us_per_change_median=%.2f%n", phase, plainMicros);
            System.out.printf(Locale.ROOT, "%s_worker_five_rules_cpu_us_per_change_median=%.2f%n", phase, ruledMicros);
            System.out.printf(Locale.ROOT, "%s_rules_cpu_cost_percent=%.1f%n", phase, 100 * (1 - plainMicros / ruledMicros));
        }
    }

    /**
     * One worker drains the whole stream with a consumer of its own, which is deleted afterwards: first the
     * warm-up mix (messages up to {@code warmUpLast}), then the reference mix.
     */
    private static Drain drain(JetStreamManagement jsm, String group, NatsServer nats, Path output, List<String> extra,
                               Path work, long warmUpLast) throws Exception {
        String stream = PgFloNames.stream(group);
        String durable = PgFloNames.durableConsumer(group);
        long last = jsm.getStreamInfo(stream).getStreamState().getLastSequence();
        List<String> args = new ArrayList<>(List.of("worker", "file", "--group", group, "--nats-url", nats.url(),
                "--file-output-dir", output.toString()));
        args.addAll(extra);
        Process worker = start(args, work);
        try {
            BenchSupport.await(() -> consumerExists(jsm, stream, durable)
                    && jsm.getConsumerInfo(stream, durable).getDelivered().getStreamSequence() > 0, worker);
            long t0 = System.nanoTime();
            double cpu0 = BenchSupport.cpuSeconds(worker.pid());
            long[] floor = new long[1];
            BenchSupport.await(() -> (floor[0] = ackFloor(jsm, stream, durable)) >= warmUpLast, worker);
            long t1 = System.nanoTime();
            double cpu1 = BenchSupport.cpuSeconds(worker.pid());
            // A batch may straddle the two mixes; every message holds one transaction of 1,000 changes, so the
            // changes on each side of the boundary are counted by message.
            long boundary = floor[0];
            BenchSupport.await(() -> ackFloor(jsm, stream, durable) >= last, worker);
            long t2 = System.nanoTime();
            double cpu2 = BenchSupport.cpuSeconds(worker.pid());
            double coldChanges = CHANGES * (double) boundary / warmUpLast;
            double warmChanges = CHANGES * (double) (last - boundary) / (last - warmUpLast);
            return new Drain(new Interval(coldChanges / ((t1 - t0) / 1e9), (cpu1 - cpu0) * 1e6 / coldChanges),
                    new Interval(warmChanges / ((t2 - t1) / 1e9), (cpu2 - cpu1) * 1e6 / warmChanges));
        } finally {
            worker.destroy();
            worker.waitFor(60, TimeUnit.SECONDS);
            if (consumerExists(jsm, stream, durable)) {
                jsm.deleteConsumer(stream, durable);
            }
        }
    }

    private static long ackFloor(JetStreamManagement jsm, String stream, String durable) throws Exception {
        return jsm.getConsumerInfo(stream, durable).getAckFloor().getStreamSequence();
    }

    private static void awaitConfirmed(TestDatabase src, String slot, Process replicator) throws Exception {
        String end = src.queryString("SELECT pg_current_wal_lsn()::text");
        BenchSupport.await(() -> "t".equals(src.queryString("SELECT confirmed_flush_lsn >= '" + end
                + "' FROM pg_replication_slots WHERE slot_name = '" + slot + "'")), replicator);
    }

    private static boolean consumerExists(JetStreamManagement jsm, String stream, String durable) throws Exception {
        return jsm.getConsumerNames(stream).contains(durable);
    }

    private static Process start(List<String> args, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", BenchSupport.pgfloJar(), PgFloMain.class.getName()));
        if ("worker".equals(args.get(0))) {
            command.addAll(1, BenchSupport.jvmOptions("worker", WORKER_JVM));
        }
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("processes.log").toFile())).start();
    }

}
