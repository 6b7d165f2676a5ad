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
 * messages; then, round after round, one worker drains it with no rules and another with five rules on the
 * table, both into the file sink, each with a new consumer that starts from the first message. The order
 * alternates between rounds, so a machine that gets busier or quieter favours neither. Each clock runs from
 * the worker's first fetched batch to its last acknowledgement; the medians of the rounds are compared. The
 * worker's CPU time per change over the same interval is compared too: on a shared two-core machine the
 * wall clock also measures whoever else is running.
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
            BenchSupport.psqlFile(src, workload.resolve("change_mix.sql"));
            String end = src.queryString("SELECT pg_current_wal_lsn()::text");
            Process replicator = start(List.of("replicator", "--group", group, "--host", src.server().host(),
                    "--port", String.valueOf(src.server().port()), "--dbname", src.name(), "--user", src.server().user(),
                    "--nats-url", nats.url()), work);
            String slot = PgFloNames.replicationSlot(group);
            BenchSupport.await(() -> "t".equals(src.queryString("SELECT confirmed_flush_lsn >= '" + end
                    + "' FROM pg_replication_slots WHERE slot_name = '" + slot + "'")), replicator);
            replicator.destroy();
            replicator.waitFor(60, TimeUnit.SECONDS);
            src.execute("SELECT pg_drop_replication_slot('" + slot + "')");

            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            List<Double> cpuWithout = new ArrayList<>();
            List<Double> cpuWith = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                boolean plainFirst = round % 2 == 1;
                for (boolean ruled : plainFirst ? List.of(false, true) : List.of(true, false)) {
                    List<String> extra = ruled ? List.of("--rules-config", rules.toString()) : List.of();
                    double[] run = drain(jsm, group, nats, work.resolve("r" + round + (ruled ? "-rules" : "-plain")), extra, work);
                    (ruled ? with : without).add(run[0]);
                    (ruled ? cpuWith : cpuWithout).add(run[1]);
                    String name = ruled ? "five_rules" : "no_rules";
                    System.out.printf(Locale.ROOT, "round_%d_%s_changes_per_s=%.0f round_%d_%s_worker_cpu_us_per_change=%.2f%n",
                            round, name, run[0], round, name, run[1]);
                }
            }
            double plainMedian = median(without);
            double ruledMedian = median(with);
            System.out.println("worker_jvm_options=" + String.join(" ", WORKER_JVM));
            System.out.printf(Locale.ROOT, "worker_no_rules_changes_per_s_median=%.0f%n", plainMedian);
            System.out.printf(Locale.ROOT, "worker_five_rules_changes_per_s_median=%.0f%n", ruledMedian);
            System.out.printf(Locale.ROOT, "rules_cost_percent=%.1f%n", 100 * (1 - ruledMedian / plainMedian));
            // The same comparison in worker CPU time, which other load on the machine disturbs far less.
            double plainCpu = median(cpuWithout);
            double ruledCpu = median(cpuWith);
            System.out.printf(Locale.ROOT, "worker_no_rules_cpu_us_per_change_median=%.2f%n", plainCpu);
            System.out.printf(Locale.ROOT, "worker_five_rules_cpu_us_per_change_median=%.2f%n", ruledCpu);
            System.out.printf(Locale.ROOT, "rules_cpu_cost_percent=%.1f%n", 100 * (1 - plainCpu / ruledCpu));
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

    /**
     * One worker drains the whole stream with a consumer of its own, which is deleted afterwards.
     *
     * @return changes per second, and the worker's CPU microseconds per change, over the same interval
     */
    private static double[] drain(JetStreamManagement jsm, String group, NatsServer nats, Path output, List<String> extra,
                                Path work) throws Exception {
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
            BenchSupport.await(() -> jsm.getConsumerInfo(stream, durable).getAckFloor().getStreamSequence() >= last, worker);
            long t1 = System.nanoTime();
            double cpu1 = BenchSupport.cpuSeconds(worker.pid());
            return new double[] {CHANGES / ((t1 - t0) / 1e9), (cpu1 - cpu0) * 1e6 / CHANGES};
        } finally {
            worker.destroy();
            worker.waitFor(60, TimeUnit.SECONDS);
            if (consumerExists(jsm, stream, durable)) {
                jsm.deleteConsumer(stream, durable);
            }
        }
    }

    private static boolean consumerExists(JetStreamManagement jsm, String stream, String durable) throws Exception {
        return jsm.getConsumerNames(stream).contains(durable);
    }

    private static Process start(List<String> args, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PgFloMain.class.getName()));
        if ("worker".equals(args.get(0))) {
            command.addAll(1, WORKER_JVM);
        }
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("processes.log").toFile())).start();
    }

}
