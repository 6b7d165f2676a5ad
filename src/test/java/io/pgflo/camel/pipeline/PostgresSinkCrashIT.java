package io.pgflo.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.localserver.LocalPostgres;
import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed workload of over 100k changes while the worker is killed hard twice and the target database is
 * restarted once: the target ends equal to the source, with nothing lost and nothing applied twice.
 */
@Timeout(600)
class PostgresSinkCrashIT {

    @TempDir
    Path dir;

    @Test
    void workerKillsAndATargetRestartLoseNothing() throws Exception {
        // The target runs on a server of its own, from local binaries, so the test can restart it.
        try (PipelineFixture f = new PipelineFixture("pg_crash", dir);
             LocalPostgres targetServer = LocalPostgres.start(dir.resolve("target-server"))) {
            try (Connection c = targetServer.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE target");
            }
            TestDatabase target = new PgServer(targetServer.host(), targetServer.port(), targetServer.user(), null, "postgres",
                    "restartable target").database("target");
            String table = "CREATE TABLE events(id bigint PRIMARY KEY, account int, amount numeric(12,2), note text)";
            f.db.execute(table);
            target.execute(table);
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target, "--batch-size", "500");
            f.awaitReplicatorStreaming(replicator);

            AtomicReference<Throwable> loadFailure = new AtomicReference<>();
            Thread load = new Thread(() -> {
                try {
                    for (int t = 0; t < 120; t++) {
                        f.db.execute("INSERT INTO events SELECT g, g % 100, g / 100.0, md5(g::text) FROM generate_series("
                                + (t * 500 + 1) + ", " + (t + 1) * 500 + ") g");
                        if (t % 3 == 2) {
                            f.db.execute("UPDATE events SET amount = amount + 1, note = NULL WHERE id > " + (t - 2) * 500
                                    + " AND id <= " + ((t - 2) * 500 + 1000));
                            f.db.execute("DELETE FROM events WHERE id > " + (t - 1) * 500 + " AND id <= " + ((t - 1) * 500 + 100));
                        }
                    }
                } catch (Throwable e) {
                    loadFailure.set(e);
                }
            });
            load.start();
            awaitRows(target, 5_000, worker);
            worker.kill();
            worker = f.postgresWorker(target, "--batch-size", "500");
            awaitRows(target, 20_000, worker);
            targetServer.restart();
            awaitRows(target, 30_000, worker);
            worker.kill();
            worker = f.postgresWorker(target, "--batch-size", "500");
            load.join();
            assertThat(loadFailure.get()).isNull();

            String digest = "SELECT count(*) || ':' || md5(string_agg(row_to_json(e)::text, ',' ORDER BY id)) FROM events e";
            String expected = f.db.queryString(digest);
            assertThat(f.db.queryLong("SELECT count(*) FROM events")).isGreaterThan(40_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!expected.equals(target.queryString(digest))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("target " + target.queryString(digest) + " != source " + expected
                            + "; worker log:\n" + worker.log());
                }
                Thread.sleep(500);
            }
            replicator.stop();
            worker.stop();
        }
    }

    private static void awaitRows(TestDatabase target, long rows, PgFloProcess worker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (target.queryLong("SELECT count(*) FROM events") >= rows) {
                    return;
                }
            } catch (IllegalStateException e) {
                // The target is restarting.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("target did not reach " + rows + " rows; worker log:\n" + worker.log());
            }
            Thread.sleep(100);
        }
    }
}
