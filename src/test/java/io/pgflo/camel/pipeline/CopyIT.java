package io.pgflo.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial copy, source to JetStream to a PostgreSQL target, with the replicator and worker as users run
 * them: copy only, copy then stream with changes made during the copy, tables never analyzed or outside
 * public, and a replicator killed mid-copy that resumes.
 */
@Timeout(600)
class CopyIT {

    private static final String WIDE = "CREATE TABLE wide(id bigint PRIMARY KEY, account int, kind text,"
            + " amount numeric(12,2), payload jsonb, created timestamptz, flags bool[], note text, ip inet, day date,"
            + " ratio float8, tags text[])";

    private static final String FILL = "INSERT INTO wide SELECT g, g % 1000, 'k' || (g % 7), g / 100.0,"
            + " jsonb_build_object('n', g, 's', repeat('x', g % 50)), timestamptz '2024-01-01 00:00:00+00' + g * interval '1 s',"
            + " ARRAY[g % 2 = 0, NULL], CASE WHEN g % 10 = 0 THEN NULL ELSE E'line\\ttab\\\\back\\nnew ' || g END,"
            + " ('10.0.' || (g % 250) || '.' || (g % 200))::inet, date '2020-01-01' + (g % 1000), g / 7.0,"
            + " ARRAY['a,b', 'q\"' || g, NULL] FROM generate_series(1, 200000) g";

    private static final String BIG_JSON = "INSERT INTO wide(id, payload) SELECT 200001,"
            + " jsonb_agg(jsonb_build_object('i', i, 'v', 'élément ' || i)) FROM generate_series(1, 10000) i";

    private static final String DIGEST = "SELECT count(*) || ':' || md5(string_agg(t::text, E'\\n' ORDER BY id)) FROM ";

    @TempDir
    Path dir;

    @Test
    void copyOnlyCopiesEveryRowExactlyAndExits() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_only", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_only_target")) {
            f.db.execute(WIDE, FILL, BIG_JSON);
            target.execute(WIDE);
            PgFloProcess replicator = f.replicator("--copy", "--max-copy-workers-per-table", "8", "--tables", "wide",
                    "--copy-pages-per-range", "512");
            assertThat(replicator.awaitExit(300)).as(replicator.log()).isZero();
            assertThat(replicator.log()).contains("copied public.wide: 200,001 rows");
            assertThat(f.db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                    + PgFloNames.replicationSlot(f.group) + "'")).as("a copy without streaming needs no slot").isZero();

            PgFloProcess worker = f.postgresWorker(target);
            awaitEqual(f.db, target, "wide", worker, replicator);
            worker.stop();
        }
    }

    @Test
    void copyAndStreamLosesAndDoublesNothingMadeDuringTheCopy() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_stream", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_stream_target")) {
            f.db.execute(WIDE, FILL, BIG_JSON);
            target.execute(WIDE);
            PgFloProcess worker = f.postgresWorker(target);
            PgFloProcess replicator = f.replicator("--copy-and-stream", "--max-copy-workers-per-table", "8",
                    "--tables", "wide", "--copy-pages-per-range", "256");
            String slot = PgFloNames.replicationSlot(f.group);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (f.db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'") == 0) {
                assertThat(System.nanoTime()).as("slot created; log:\n" + replicator.log()).isLessThan(deadline);
                Thread.sleep(20);
            }
            AtomicReference<Throwable> loadFailure = new AtomicReference<>();
            Thread load = new Thread(() -> {
                try {
                    for (int t = 0; t < 30; t++) {
                        f.db.execute("INSERT INTO wide(id, account, kind, note) SELECT g, g % 10, 'new', 'during copy'"
                                + " FROM generate_series(" + (300_001 + t * 100) + ", " + (300_000 + (t + 1) * 100) + ") g");
                        f.db.execute("UPDATE wide SET amount = amount + 1, kind = 'upd" + t + "' WHERE id % 997 = " + t);
                        f.db.execute("DELETE FROM wide WHERE id = " + (1000 + t));
                    }
                } catch (Throwable e) {
                    loadFailure.set(e);
                }
            });
            load.start();
            load.join();
            assertThat(loadFailure.get()).isNull();
            awaitEqual(f.db, target, "wide", worker, replicator);
            assertThat(target.queryLong("SELECT count(*) FROM wide WHERE note = 'during copy'")).isEqualTo(3000);
            replicator.stop();
            worker.stop();
        }
    }

    @Test
    void everyTypeGoesIntoTheTargetAsTheSourcesCopyTextInAFewCopies() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_types", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_types_target")) {
            for (String statement : PostgresSinkIT.TYPES.split(";")) {
                f.db.execute(statement);
                target.execute(statement);
            }
            f.db.execute(PostgresSinkIT.ROW, "INSERT INTO types(id) VALUES (2)",
                    "INSERT INTO types SELECT (json_populate_record(t, json_build_object('id', g))).*"
                            + " FROM types t, generate_series(3, 600) g WHERE t.id = 1");
            PostgresSinkIT.countStatements(target, "types", "INSERT");
            PgFloProcess replicator = f.replicator("--copy", "--tables", "types");
            assertThat(replicator.awaitExit(120)).as(replicator.log()).isZero();

            PgFloProcess worker = f.postgresWorker(target);
            awaitEqual(f.db, target, "types", worker, replicator);
            // A COPY per message at most (600 rows of about 1.5 kB are one or two); row by row, or as upserts after a
            // failed COPY, it would take one statement per row or per rewritten batch of them.
            assertThat(target.queryLong("SELECT count(*) FROM statements_seen")).isBetween(1L, 2L);
            worker.stop();
        }
    }

    @Test
    void copiedRowsOfTypesWithBinaryFormsArriveExactlyThroughBinaryCopy() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_binary", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_binary_target")) {
            String typed = "CREATE TABLE typed(id int8 PRIMARY KEY, n int4, s int2, note text, v varchar(20), c char(3),"
                    + " amount numeric(12,2), big numeric, f8 float8, f4 float4, at timestamptz, ts timestamp, d date,"
                    + " doc jsonb, j json, flag bool, u uuid, b bytea)";
            f.db.execute(typed, "INSERT INTO typed SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE g - 2500 END, g % 300,"
                    + " CASE WHEN g % 13 = 0 THEN NULL ELSE E'tab\\there\\nline\\\\ \\r ü ' || g END, 'v' || g, 'c',"
                    + " (g - 2500) / 7.0, (g::numeric ^ 3) / 1000.0, g / 3.0, g / 7.0,"
                    + " timestamptz '1960-01-01 00:00:00+00' + g * interval '1 day 1.25 second',"
                    + " timestamp '1999-12-31 23:00' + g * interval '1 minute', date '0100-03-01' + g * 13,"
                    + " jsonb_build_object('n', g, 'q', 'say \"hi\"', 'esc', E'\\t'), '{\"a\": [1, 2]}', g % 2 = 0,"
                    + " md5(g::text)::uuid, decode(md5(g::text), 'hex') FROM generate_series(1, 5000) g",
                    // Values without a binary form here: the COPY of their run turns to text at them.
                    "UPDATE typed SET at = 'infinity', d = '-infinity', big = 'NaN' WHERE id IN (1234, 4321)");
            target.execute(typed);
            PgFloProcess replicator = f.replicator("--copy", "--tables", "typed");
            assertThat(replicator.awaitExit(120)).as(replicator.log()).isZero();
            PgFloProcess worker = f.postgresWorker(target);
            awaitEqual(f.db, target, "typed", worker, replicator);
            assertThat(worker.log()).doesNotContain("one by one");
            worker.stop();
        }
    }

    @Test
    void copiesNeverAnalyzedTablesOfTheGivenSchemaOnly() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_cover", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_cover_target")) {
            String fresh = "CREATE TABLE other.fresh(id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false)";
            f.db.execute("CREATE SCHEMA other", fresh, "CREATE TABLE other.\"Second Table\"(id int PRIMARY KEY, v text)",
                    "CREATE TABLE public.decoy(id int PRIMARY KEY)",
                    "INSERT INTO other.fresh SELECT g, 'row ' || g FROM generate_series(1, 5000) g",
                    "INSERT INTO other.\"Second Table\" VALUES (1, 'one'), (2, NULL)", "INSERT INTO public.decoy VALUES (1)");
            target.execute("CREATE SCHEMA other", fresh, "CREATE TABLE other.\"Second Table\"(id int PRIMARY KEY, v text)");
            assertThat(f.db.queryString("SELECT relpages || '/' || reltuples FROM pg_class WHERE oid = 'other.fresh'::regclass"))
                    .as("the table was never vacuumed or analyzed").isEqualTo("0/-1");

            PgFloProcess replicator = f.replicator("--copy", "--schema", "other");
            assertThat(replicator.awaitExit(120)).as(replicator.log()).isZero();
            assertThat(replicator.log()).contains("copied other.fresh: 5,000 rows", "copied other.Second Table: 2 rows")
                    .doesNotContain("decoy");
            PgFloProcess worker = f.postgresWorker(target, "--schema", "other");
            awaitEqual(f.db, target, "other.fresh", worker, replicator);
            awaitEqual(f.db, target, "other.\"Second Table\"", worker, replicator);
            worker.stop();
        }
    }

    @Test
    void aReplicatorKilledMidCopyResumesWithoutCopyingFinishedRangesAgain() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_resume", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_resume_target")) {
            f.db.execute(WIDE, FILL, BIG_JSON);
            target.execute(WIDE);
            String[] flags = {"--copy-and-stream", "--tables", "wide", "--max-copy-workers-per-table", "1",
                    "--max-copy-connections", "1", "--copy-pages-per-range", "16"};
            PgFloProcess first = f.replicator(flags);
            awaitFinishedRanges(f, 3, first);
            first.kill();
            try (Connection nats = Nats.connect(f.natsUrl)) {
                assertThat(nats.keyValue(PgFloNames.stateBucket(f.group)).get("copy.completed")).as("killed mid-copy").isNull();
            }
            f.db.execute("UPDATE wide SET kind = 'after kill' WHERE id <= 100", "INSERT INTO wide(id) VALUES (400000)");

            PgFloProcess second = f.replicator(flags);
            PgFloProcess worker = f.postgresWorker(target);
            awaitEqual(f.db, target, "wide", worker, second);
            assertThat(second.log()).containsPattern("Resuming the copy of \\[public.wide\\]: [1-9][0-9]* of [0-9]+ ranges"
                    + " finished before this start are not copied again");
            second.stop();
            worker.stop();
        }
    }

    @Test
    void aCopyStoppedWithSigtermExitsNonZeroAndTheNextStartResumesIt() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_sigterm", dir);
             TestDatabase target = TestServers.postgres().createDatabase("copy_sigterm_target")) {
            f.db.execute(WIDE, FILL);
            target.execute(WIDE);
            String[] flags = {"--copy", "--tables", "wide", "--max-copy-workers-per-table", "1",
                    "--max-copy-connections", "1", "--copy-pages-per-range", "16"};
            PgFloProcess first = f.replicator(flags);
            awaitFinishedRanges(f, 2, first);
            // SIGTERM ends the JVM with 128 + 15 once the routes stopped; never 0, which would claim a finished copy.
            assertThat(first.stop()).as("a copy stopped before it finished is not a success").isNotZero();

            PgFloProcess second = f.replicator(flags);
            assertThat(second.awaitExit(300)).as(second.log()).isZero();
            assertThat(second.log()).contains("Resuming the copy of [public.wide]");
            PgFloProcess worker = f.postgresWorker(target);
            awaitEqual(f.db, target, "wide", worker, second);
            worker.stop();
        }
    }

    @Test
    void aMissingTableOrAKeylessOneStopsTheCopyBeforeItStarts() throws Exception {
        try (PipelineFixture f = new PipelineFixture("copy_refuse", dir)) {
            f.db.execute("CREATE TABLE keyed(id int PRIMARY KEY)", "CREATE TABLE keyless(v text)",
                    "INSERT INTO keyless VALUES ('x')");
            PgFloProcess missing = f.replicator("--copy", "--tables", "keyed,nosuch");
            assertThat(missing.awaitExit(60)).isNotZero();
            assertThat(missing.log()).contains("cannot copy public.nosuch: no such table in the source database");

            PgFloProcess keyless = f.replicator("--copy-and-stream", "--tables", "keyed,keyless");
            assertThat(keyless.awaitExit(60)).isNotZero();
            assertThat(keyless.log()).contains("cannot copy and stream public.keyless: no primary key or replica identity");
            assertThat(f.db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                    + PgFloNames.replicationSlot(f.group) + "'")).as("nothing started").isZero();
        }
    }

    /** Waits until the copy state holds that many finished ranges while the replicator is still copying. */
    private static void awaitFinishedRanges(PipelineFixture f, int ranges, PgFloProcess replicator) throws Exception {
        try (Connection nats = Nats.connect(f.natsUrl)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (finishedRanges(nats, PgFloNames.stateBucket(f.group)) < ranges) {
                assertThat(System.nanoTime()).as("ranges finished; log:\n" + replicator.log()).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
        assertThat(replicator.alive()).as("the copy must still be running; log:\n" + replicator.log()).isTrue();
    }

    private static long finishedRanges(Connection nats, String bucket) {
        try {
            if (!nats.keyValueManagement().getBucketNames().contains(bucket)) {
                return 0;
            }
            return nats.keyValue(bucket).keys(List.of("copy.range.>")).size();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void awaitEqual(TestDatabase source, TestDatabase target, String table, PgFloProcess... processes)
            throws Exception {
        String expected = source.queryString(DIGEST + table + " t");
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        String actual = null;
        while (System.nanoTime() < deadline) {
            try {
                actual = target.queryString(DIGEST + table + " t");
            } catch (IllegalStateException e) {
                actual = e.getMessage();
            }
            if (expected.equals(actual)) {
                return;
            }
            Thread.sleep(500);
        }
        StringBuilder logs = new StringBuilder();
        for (PgFloProcess p : processes) {
            logs.append(p.log()).append("\n----\n");
        }
        throw new AssertionError(table + ": target " + actual + " != source " + expected + "; logs:\n" + logs);
    }
}
