package io.pgflo.camel.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.pgflo.camel.app.PipelineRunner;
import io.pgflo.camel.localserver.LocalNats;
import io.pgflo.camel.localserver.LocalPostgres;
import io.pgflo.camel.naming.PgFloNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;

/**
 * {@code pgflo demo}: the whole pipeline on throwaway servers. Starts PostgreSQL and NATS from local
 * binaries, runs the replicator and a stdout worker, makes some changes, shows them arriving, then stops
 * and removes everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the replicator and a stdout worker on a throwaway PostgreSQL and NATS, make changes, show them.")
final class DemoCommand implements Callable<Integer> {

    private static final String GROUP = "demo";

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("pgflo-demo");
        say("Starting a throwaway PostgreSQL and NATS under " + dir);
        try (LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"));
             LocalNats nats = LocalNats.start(dir.resolve("nats"))) {
            try (java.sql.Connection c = postgres.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE shop");
            }
            try (java.sql.Connection c = postgres.connect("shop"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE customers(id int PRIMARY KEY, name text NOT NULL, email text, vip bool DEFAULT false)");
                st.execute("CREATE TABLE orders(id bigserial PRIMARY KEY, customer_id int REFERENCES customers,"
                        + " total numeric(10,2), items jsonb, placed_at timestamptz DEFAULT now())");
            }
            Main pipeline = PipelineRunner.create(List.of(RouteFiles.location("replicator.yaml"), RouteFiles.location("worker.yaml")),
                    Map.of("pgflo.group", GROUP, "pgflo.nats.url", nats.url(), "pgflo.source.host", postgres.host(),
                            "pgflo.source.port", String.valueOf(postgres.port()), "pgflo.source.dbname", "shop",
                            "pgflo.source.user", postgres.user(), "pgflo.worker.sink-uri", "pgflo-sink:stdout"));
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    pipeline.run(new String[0]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                awaitStreaming(postgres, running);
                say("Replicator and worker are running. Making changes in database shop:");
                change(postgres, "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com', true), (2, 'Linus', NULL, false)");
                change(postgres, "INSERT INTO orders(customer_id, total, items) VALUES (1, 42.50, '[{\"sku\": \"A-1\", \"qty\": 2}]')");
                change(postgres, "UPDATE customers SET email = 'linus@example.com' WHERE id = 2");
                change(postgres, "DELETE FROM orders WHERE customer_id = 1");
                awaitDelivered(nats.url(), 4);
                say("All changes arrived above as pg_flo-style JSON lines. Stopping and cleaning up.");
            } finally {
                pipeline.completed();
                running.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
            }
        } finally {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return 0;
    }

    private static void change(LocalPostgres postgres, String sql) throws Exception {
        say("  " + sql);
        try (java.sql.Connection c = postgres.connect("shop"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void awaitStreaming(LocalPostgres postgres, CompletableFuture<Void> running) throws Exception {
        String slot = PgFloNames.replicationSlot(GROUP);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                running.get();
                throw new IllegalStateException("the pipeline stopped during start; see the log above");
            }
            try (java.sql.Connection c = postgres.connect("shop"); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + slot + "'")) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replicator did not start streaming within 60 s; see the log above");
    }

    /** Waits until the worker has acknowledged every transaction published so far. */
    private static void awaitDelivered(String natsUrl, long transactions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection nats = Nats.connect(natsUrl)) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            while (System.nanoTime() < deadline) {
                ConsumerInfo info = jsm.getConsumerInfo(PgFloNames.stream(GROUP), PgFloNames.durableConsumer(GROUP));
                if (info.getAckFloor().getStreamSequence() >= transactions && info.getNumPending() == 0
                        && info.getNumAckPending() == 0) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the worker did not receive every change within 60 s; see the log above");
    }

    private static void say(String text) {
        System.err.println(">> " + text);
    }
}
