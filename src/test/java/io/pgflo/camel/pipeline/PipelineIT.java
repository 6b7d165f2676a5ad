package io.pgflo.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.pgflo.camel.cli.PgFloCli;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.naming.PgFloNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The replicator and worker as users run them: separate processes, pg_flo's command line, a file sink. */
@Timeout(300)
class PipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static void createUsers(PipelineFixture f) {
        f.db.execute("CREATE SCHEMA app",
                "CREATE TABLE app.users(id int PRIMARY KEY, name text, score numeric(10,2), active bool, tags text[],"
                        + " data jsonb, created timestamptz)");
    }

    @Test
    void streamOnlyDeliversExactCountsAndValuesToTheFileSink() throws Exception {
        try (PipelineFixture f = new PipelineFixture("stream_only", dir)) {
            createUsers(f);
            PgFloProcess replicator = f.replicator("--schema", "app");
            PgFloProcess worker = f.worker();
            f.awaitReplicatorStreaming(replicator);
            for (int batch = 0; batch < 10; batch++) {
                f.db.execute("INSERT INTO app.users SELECT g, 'user ' || g, g * 1.25, g % 2 = 0, ARRAY['a,b', 'q\"' || g],"
                        + " jsonb_build_object('n', g, 'note', 'é\\n'), '2026-11-22 10:00:00+00'"
                        + " FROM generate_series(" + (batch * 100 + 1) + ", " + (batch + 1) * 100 + ") g");
            }
            f.db.execute("UPDATE app.users SET score = score + 0.01, name = NULL WHERE id <= 500",
                    "DELETE FROM app.users WHERE id > 750");

            List<JsonNode> lines = f.awaitLines(1750, WAIT, replicator, worker);
            Thread.sleep(1000);
            lines = f.lines();
            assertThat(lines).hasSize(1750);
            Map<String, Integer> byType = new HashMap<>();
            lines.forEach(l -> byType.merge(l.get("Type").asText(), 1, Integer::sum));
            assertThat(byType).containsExactlyInAnyOrderEntriesOf(Map.of("INSERT", 1000, "UPDATE", 500, "DELETE", 250));

            JsonNode insert = lines.stream().filter(l -> l.get("Type").asText().equals("INSERT")
                    && l.get("NewTuple").get("id").asInt() == 7).findFirst().orElseThrow();
            assertThat(insert.get("Schema").asText()).isEqualTo("app");
            assertThat(insert.get("Table").asText()).isEqualTo("users");
            assertThat(insert.get("NewTuple").toString()).isEqualTo("{\"id\":7,\"name\":\"user 7\",\"score\":8.75,"
                    + "\"active\":false,\"tags\":[\"a,b\",\"q\\\"7\"],\"data\":{\"n\":7,\"note\":\"é\\\\n\"},"
                    + "\"created\":\"2026-11-22 10:00:00+00\"}");
            assertThat(insert.get("ReplicationKey").toString()).isEqualTo("{\"Type\":\"PRIMARY KEY\",\"Columns\":[\"id\"]}");
            JsonNode update = lines.stream().filter(l -> l.get("Type").asText().equals("UPDATE")
                    && l.get("NewTuple").get("id").asInt() == 7).findFirst().orElseThrow();
            assertThat(update.get("NewTuple").get("score").decimalValue()).isEqualByComparingTo("8.76");
            assertThat(update.get("NewTuple").get("name").isNull()).isTrue();
            JsonNode delete = lines.stream().filter(l -> l.get("Type").asText().equals("DELETE")).findFirst().orElseThrow();
            assertThat(delete.get("OldTuple").get("id").asInt()).isEqualTo(751);
            assertPositionsStrictlyRise(lines);

            assertThat(worker.stop()).isIn(0, 143);
            assertThat(replicator.stop()).isIn(0, 143);
            cleanupRemovesTheGroup(f);
        }
    }

    private void cleanupRemovesTheGroup(PipelineFixture f) throws Exception {
        int exit = PgFloCli.execute(new String[] {"cleanup", "--group", f.group, "--host", f.db.server().host(),
                "--port", String.valueOf(f.db.server().port()), "--dbname", f.db.name(), "--user", f.db.server().user(),
                "--nats-url", f.natsUrl}, passwordEnvironment(f));
        assertThat(exit).isZero();
        assertThat(f.db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                + PgFloNames.replicationSlot(f.group) + "'")).isZero();
        assertThat(f.db.queryLong("SELECT count(*) FROM pg_publication WHERE pubname = '"
                + PgFloNames.publication(f.group) + "'")).isZero();
        try (Connection nats = Nats.connect(f.natsUrl)) {
            assertThat(nats.jetStreamManagement().getStreamNames()).doesNotContain(PgFloNames.stream(f.group),
                    PgFloNames.deadLetterStream(f.group));
        }
    }

    private static Map<String, String> passwordEnvironment(PipelineFixture f) {
        return f.db.server().password() == null ? Map.of() : Map.of("PG_FLO_PASSWORD", f.db.server().password());
    }

    @Test
    void hardKillsOfReplicatorAndWorkerLoseAndDuplicateNothing() throws Exception {
        try (PipelineFixture f = new PipelineFixture("crash", dir)) {
            f.db.execute("CREATE TABLE events(id int PRIMARY KEY, payload text)");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.worker("--batch-size", "200");
            f.awaitReplicatorStreaming(replicator);
            int transactions = 300;
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread load = new Thread(() -> {
                for (int t = 0; t < transactions; t++) {
                    f.db.execute("INSERT INTO events SELECT g, md5(g::text) FROM generate_series(" + (t * 50 + 1) + ", "
                            + (t + 1) * 50 + ") g");
                    sleep(10);
                }
                loading.set(false);
            });
            load.start();
            waitForLines(f, 1500);
            replicator.kill();
            sleep(500);
            replicator = f.replicator();
            waitForLines(f, 6000);
            worker.kill();
            sleep(500);
            worker = f.worker("--batch-size", "200");
            load.join();
            List<JsonNode> lines;
            try {
                lines = f.awaitLines(transactions * 50, WAIT, replicator, worker);
            } catch (AssertionError e) {
                throw new AssertionError(f.diagnose(transactions * 50) + "\n" + e.getMessage(), e);
            }
            sleep(2000);
            lines = f.lines();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode line : lines) {
                assertThat(ids.add(line.get("NewTuple").get("id").asInt())).as("id %s written once", line.get("NewTuple").get("id")).isTrue();
            }
            assertThat(ids).hasSize(transactions * 50);
            assertPositionsStrictlyRise(lines);
        }
    }

    @Test
    void poisonMessageGoesToTheDeadLetterStreamAndLaterChangesArrive() throws Exception {
        try (PipelineFixture f = new PipelineFixture("poison", dir)) {
            f.db.execute("CREATE TABLE t(id int PRIMARY KEY)");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.worker();
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO t VALUES (1)");
            f.awaitLines(1, WAIT, replicator, worker);
            try (Connection nats = Nats.connect(f.natsUrl)) {
                nats.jetStream().publish(PgFloNames.subject(f.group), "{\"v\":1,\"garbage\":true}".getBytes(StandardCharsets.UTF_8));
                f.db.execute("INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
                List<JsonNode> lines = f.awaitLines(3, WAIT, replicator, worker);
                assertThat(lines).extracting(l -> l.get("NewTuple").get("id").asInt()).containsExactly(1, 2, 3);
                JetStreamManagement jsm = nats.jetStreamManagement();
                MessageInfo dead = jsm.getMessage(PgFloNames.deadLetterStream(f.group), 1);
                assertThat(new String(dead.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1,\"garbage\":true}");
                assertThat(dead.getHeaders().getFirst("Pgflo-Dlq-Reason")).contains("is not valid wire format")
                        .contains("message.commit_lsn is missing");
                assertThat(dead.getHeaders().getFirst("Pgflo-Dlq-Sequence")).isEqualTo("2");
                assertThat(worker.log()).contains("to dead-letter subject");
            }
        }
    }

    @Test
    void unreachableServersFailAtOnceNamingTheServer() throws Exception {
        try (PipelineFixture f = new PipelineFixture("unreachable", dir)) {
            PgFloProcess replicator = new PgFloProcess(dir.resolve("bad-pg.log"), List.of("replicator", "--group", f.group,
                    "--host", "127.0.0.1", "--port", "1", "--dbname", "x", "--user", "postgres", "--nats-url", f.natsUrl)).start();
            assertThat(replicator.awaitExit(60)).isNotZero();
            assertThat(replicator.log()).contains("Connection to 127.0.0.1:1 refused");
            PgFloProcess worker = new PgFloProcess(dir.resolve("bad-nats.log"), List.of("worker", "stdout", "--group", f.group,
                    "--nats-url", "nats://127.0.0.1:1")).start();
            assertThat(worker.awaitExit(60)).isNotZero();
            assertThat(worker.log()).contains("cannot connect to NATS at nats://127.0.0.1:1");
        }
    }

    @Test
    void demoRunsThePipelineOnThrowawayServersAndCleansUp() {
        assertThat(PgFloCli.execute(new String[] {"demo"}, Map.of())).isZero();
    }

    private static void waitForLines(PipelineFixture f, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (f.lines().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + f.lines().size() + " lines after " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private static void assertPositionsStrictlyRise(List<JsonNode> lines) {
        Position previous = null;
        for (JsonNode line : lines) {
            Position position = Position.parse(line.get("Position").asText());
            if (previous != null) {
                assertThat(position).as("position after %s", previous).isGreaterThan(previous);
            }
            previous = position;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
