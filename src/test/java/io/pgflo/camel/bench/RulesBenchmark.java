package io.pgflo.camel.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
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
 * What rules cost the worker: the reference change mix is put into two groups' streams, then one worker
 * drains the first with no rules and another the second with five rules on the table, both into the file
 * sink. Each clock runs from the worker's first fetched batch to its last acknowledgement.
 */
public final class RulesBenchmark {

    private static final long CHANGES = 350_000;
    private static final String RULES = """
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
        String plain = "rb-plain-" + TestNames.unique("g").substring(2).replace('_', '-');
        String ruled = "rb-rules-" + TestNames.unique("g").substring(2).replace('_', '-');
        try (TestDatabase src = source.createDatabase("bench_rules")) {
            BenchSupport.psqlFile(src, workload.resolve("schema.sql"));
            BenchSupport.psqlFile(src, workload.resolve("initial_rows.sql"));
            for (String group : List.of(plain, ruled)) {
                src.execute("CREATE PUBLICATION " + PgFloNames.publication(group) + " FOR TABLES IN SCHEMA public",
                        "SELECT pg_create_logical_replication_slot('" + PgFloNames.replicationSlot(group) + "', 'pgoutput')");
            }
            BenchSupport.psqlFile(src, workload.resolve("change_mix.sql"));
            String end = src.queryString("SELECT pg_current_wal_lsn()::text");
            for (String group : List.of(plain, ruled)) {
                Process replicator = start(List.of("replicator", "--group", group, "--host", src.server().host(),
                        "--port", String.valueOf(src.server().port()), "--dbname", src.name(), "--user", src.server().user(),
                        "--nats-url", nats.url()), work);
                String slot = PgFloNames.replicationSlot(group);
                BenchSupport.await(() -> "t".equals(src.queryString("SELECT confirmed_flush_lsn >= '" + end
                        + "' FROM pg_replication_slots WHERE slot_name = '" + slot + "'")), replicator);
                replicator.destroy();
                replicator.waitFor(60, TimeUnit.SECONDS);
            }
            double without = drain(plain, nats, work, List.of());
            double with = drain(ruled, nats, work, List.of("--rules-config", rules.toString()));
            System.out.printf(Locale.ROOT, "worker_no_rules_changes_per_s=%.0f%n", without);
            System.out.printf(Locale.ROOT, "worker_five_rules_changes_per_s=%.0f%n", with);
            System.out.printf(Locale.ROOT, "rules_cost_percent=%.1f%n", 100 * (1 - with / without));
            for (String group : List.of(plain, ruled)) {
                src.execute("SELECT pg_drop_replication_slot('" + PgFloNames.replicationSlot(group) + "')");
            }
        }
        System.exit(0);
    }

    private static double drain(String group, NatsServer nats, Path work, List<String> extra) throws Exception {
        try (Connection nc = Nats.connect(nats.url())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            long last = jsm.getStreamInfo(PgFloNames.stream(group)).getStreamState().getLastSequence();
            List<String> args = new ArrayList<>(List.of("worker", "file", "--group", group, "--nats-url", nats.url(),
                    "--file-output-dir", work.resolve(group).toString()));
            args.addAll(extra);
            Process worker = start(args, work);
            try {
                BenchSupport.await(() -> jsm.getConsumerInfo(PgFloNames.stream(group), PgFloNames.durableConsumer(group))
                        .getDelivered().getStreamSequence() > 0, worker);
                long t0 = System.nanoTime();
                BenchSupport.await(() -> jsm.getConsumerInfo(PgFloNames.stream(group), PgFloNames.durableConsumer(group))
                        .getAckFloor().getStreamSequence() >= last, worker);
                long t1 = System.nanoTime();
                return CHANGES / ((t1 - t0) / 1e9);
            } finally {
                worker.destroy();
                worker.waitFor(60, TimeUnit.SECONDS);
                jsm.deleteStream(PgFloNames.stream(group));
                jsm.deleteStream(PgFloNames.deadLetterStream(group));
            }
        }
    }

    private static Process start(List<String> args, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PgFloMain.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("processes.log").toFile())).start();
    }

}
