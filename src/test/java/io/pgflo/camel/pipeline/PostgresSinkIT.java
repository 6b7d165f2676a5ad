package io.pgflo.camel.pipeline;

import static io.pgflo.camel.pipeline.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Source to JetStream to a PostgreSQL target, with the replicator and worker as users run them. */
@Timeout(300)
class PostgresSinkIT {

    @TempDir
    Path dir;

    private static String rowsDigest(TestDatabase db, String table) {
        return db.queryString("SELECT count(*) || ':' || coalesce(string_agg(md5(row_to_json(t)::text), ',' ORDER BY id), '')"
                + " FROM " + table + " t");
    }

    /**
     * Counts, in {@code statements_seen}, the statements of the given kinds that reach the table on the target:
     * a run sent row by row would count one per row.
     */
    static void countStatements(TestDatabase target, String table, String... operations) {
        target.execute("CREATE TABLE IF NOT EXISTS statements_seen(op text)",
                "CREATE OR REPLACE FUNCTION note_statement() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN INSERT INTO statements_seen VALUES (TG_OP); RETURN NULL; END$$");
        for (String operation : operations) {
            target.execute("CREATE TRIGGER note_" + operation.toLowerCase(java.util.Locale.ROOT) + " AFTER " + operation
                    + " ON " + table + " FOR EACH STATEMENT EXECUTE FUNCTION note_statement()");
        }
    }

    private static MessageInfo firstDeadLetter(PipelineFixture f) throws Exception {
        try (Connection nats = Nats.connect(f.natsUrl)) {
            return nats.jetStreamManagement().getMessage(PgFloNames.deadLetterStream(f.group), 1);
        }
    }

    private static void inBoth(TestDatabase source, TestDatabase target, String... statements) {
        source.execute(statements);
        target.execute(statements);
    }

    static final String TYPES = "CREATE EXTENSION IF NOT EXISTS hstore;"
            + "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
            + "CREATE TYPE address AS (street text, number int);"
            + "CREATE DOMAIN positive AS int CHECK (VALUE > 0);"
            + "CREATE TABLE types(id int PRIMARY KEY, t_text text, t_null_text text, t_empty text DEFAULT '', t_bytea bytea,"
            + " t_oid oid, t_int2 int2, t_int8 int8, t_bool bool, t_json json, t_jsonb jsonb, t_text_arr text[], t_int_2d int[][],"
            + " t_numeric numeric, t_numeric_nan numeric, t_money money, t_uuid uuid, t_inet inet, t_cidr cidr, t_mac macaddr,"
            + " t_mac8 macaddr8, t_point point, t_line line, t_lseg lseg, t_box box, t_path path, t_polygon polygon,"
            + " t_circle circle, t_interval interval, t_hstore hstore, t_int4range int4range, t_int8range int8range,"
            + " t_numrange numrange, t_tsrange tsrange, t_tstzrange tstzrange, t_daterange daterange, t_tsvector tsvector,"
            + " t_tsquery tsquery, t_xml xml, t_mood mood, t_address address, t_positive positive, t_float4 float4,"
            + " t_float8 float8, t_float_inf float8, t_date date, t_time time, t_timetz timetz, t_timestamp timestamp,"
            + " t_timestamptz timestamptz, t_char char(5), t_varchar varchar(20), t_bit bit(4), t_varbit varbit,"
            + " t_jsonb_arr jsonb[], t_uuid_arr uuid[], t_bool_arr bool[], t_pg_lsn pg_lsn, t_multi int4multirange)";

    static final String ROW = "INSERT INTO types VALUES (1, 'null', NULL, DEFAULT, '\\x00ff5c27'::bytea, 4294967295,"
            + " 32767, 9223372036854775807, true, '{\"a\": \"\\u00e9\", \"b\": [1, 2.50, null]}',"
            + " '{\"esc\": \"tab\\tnew\\nline \\\"q\\\"\", \"uni\": \"漢😀\"}',"
            + " ARRAY['a,b', 'quote\"d', NULL, 'NULL', E'tab\\there', E'new\\nline', ''], '{{1,2},{3,NULL}}',"
            + " 12345678901234567890.123456789012345678901234567890, 'NaN', 1234.56, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + " '::ffff:1.2.3.4/128', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', '(1.5,-2)', '{1,-1,0}',"
            + " '[(0,0),(1,1)]', '(1,1),(0,0)', '((0,0),(1,1),(2,0))', '((0,0),(1,1),(1,0))', '<(0,0),2>',"
            + " '1 year 2 mons -3 days 04:05:06.789', 'a=>1, \"b c\"=>NULL', '[1,10)', '[-9223372036854775808,0)', '(,1.5]',"
            + " 'empty', '[\"2026-01-01 00:00:00+00\",)', '[2026-01-01,2026-02-01)', 'a fat:2 cat', 'fat & rat',"
            + " '<a b=\"1\">t &amp; x</a>', 'happy', ROW('1 Main St', 42), 7, 3.4028235e38, -1.5e-300, 'Infinity',"
            + " '2026-11-22', '23:59:59.999999', '12:00:00+05:30', '2026-11-22 04:18:32.123456', '2026-11-22 04:18:32.123456+02',"
            + " 'ab', 'ü', B'1010', B'10101', ARRAY['{\"k\": 1}'::jsonb, 'null'::jsonb], ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid],"
            + " '{t,f,NULL}', '16/3002D50', '{[1,3),[5,7)}')";

    @Test
    void everyDataTypeArrivesIdentically() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_types", dir); TestDatabase target = f.db.server().createDatabase("pg_types_target")) {
            inBoth(f.db, target, TYPES.split(";"));
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute(ROW, "INSERT INTO types(id) VALUES (2)",
                    "UPDATE types SET t_text = NULL, t_jsonb = '[]', t_mood = 'sad' WHERE id = 1");
            String expected = rowsDigest(f.db, "types");
            awaitTrue("target equal to source", () -> expected.equals(rowsDigest(target, "types")), replicator, worker);
            assertThat(rowsDigest(target, "types")).startsWith("2:");
        }
    }

    @Test
    void runsOfUpdatesAndDeletesGoAsFewSetBasedStatementsAndKeepEveryType() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_set_based", dir);
             TestDatabase target = f.db.server().createDatabase("pg_set_based_target")) {
            inBoth(f.db, target, TYPES.split(";"));
            // Counts the statements that reach the target: a run of 40 updates sent row by row would count 40.
            countStatements(target, "types", "UPDATE", "DELETE");
            target.execute("ALTER TABLE types ADD CONSTRAINT target_only CHECK (t_int2 <> 13)");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute(ROW, "INSERT INTO types SELECT (jsonb_populate_record(t, jsonb_build_object('id', g))).*"
                    + " FROM types t, generate_series(2, 40) g WHERE t.id = 1");
            awaitTrue("40 rows on the target", () -> target.queryLong("SELECT count(*) FROM types") == 40, replicator, worker);
            // Rows the target lacks: their updates find nothing and become upserts of the full row.
            target.execute("DELETE FROM types WHERE id IN (5, 6)", "TRUNCATE statements_seen");

            f.db.execute("UPDATE types SET t_text = t_text || id, t_char = 'x' || id, t_varchar = 'v \"' || id, t_bit = B'0101',"
                    + " t_int_2d = ARRAY[[id, 2], [3, NULL]], t_jsonb = jsonb_build_object('id', id, 'q', 'a\"b\\c'),"
                    + " t_numeric = id / 7.0, t_address = ROW('x\"y,{z}', id), t_hstore = hstore('k', id::text),"
                    + " t_text_arr = ARRAY['{', '}', ',', NULL, 'NULL', ''], t_null_text = CASE WHEN id % 2 = 0 THEN 'set' END",
                    "DELETE FROM types WHERE id > 30");
            String expected = rowsDigest(f.db, "types");
            awaitTrue("target equal to source", () -> expected.equals(rowsDigest(target, "types")), replicator, worker);
            assertThat(target.queryLong("SELECT count(*) FROM statements_seen WHERE op = 'DELETE'")).isEqualTo(1);
            // One UPDATE for the run, one upsert (an UPDATE trigger too) for each of the two missing rows.
            assertThat(target.queryLong("SELECT count(*) FROM statements_seen WHERE op = 'UPDATE'")).isLessThanOrEqualTo(3);

            // A run in which the target rejects one row: that change alone is dead-lettered.
            f.db.execute("UPDATE types SET t_int2 = id, t_text = 'second' WHERE id <= 20");
            String others = "SELECT string_agg(md5(row_to_json(t)::text), ',' ORDER BY id) FROM types t WHERE id <> 13";
            String expectedOthers = f.db.queryString(others);
            awaitTrue("every other row updated", () -> expectedOthers.equals(target.queryString(others)), replicator, worker);
            assertThat(target.queryString("SELECT t_text FROM types WHERE id = 13")).isNotEqualTo("second");
            assertThat(firstDeadLetter(f).getHeaders().getFirst("Pgflo-Dlq-Reason")).contains("target_only");
        }
    }

    @Test
    void aValueTooLongForATargetDomainIsRejectedNotCutInASetBasedRun() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_set_domain", dir);
             TestDatabase target = f.db.server().createDatabase("pg_set_domain_target")) {
            f.db.execute("CREATE TABLE labels(id int PRIMARY KEY, label text, code text)");
            target.execute("CREATE DOMAIN short_label AS varchar(8)", "CREATE DOMAIN code4 AS char(4)",
                    "CREATE TABLE labels(id int PRIMARY KEY, label short_label, code code4)");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO labels SELECT g, 'l' || g, 'c' || g FROM generate_series(1, 20) g");
            awaitTrue("20 rows on the target", () -> target.queryLong("SELECT count(*) FROM labels") == 20, replicator, worker);

            // One run of 20 updates; a cast to the domain itself would cut the long label to 8 characters.
            f.db.execute("UPDATE labels SET label = CASE WHEN id = 7 THEN 'much-too-long' ELSE 'new ' || id END,"
                    + " code = 'x' || id");
            // char(4) pads with spaces, which concatenation drops again.
            String others = "SELECT string_agg(id || '=' || label || '/' || code, ',' ORDER BY id) FROM labels WHERE id <> 7";
            String expected = f.db.queryString(others);
            awaitTrue("every other row updated", () -> expected.equals(target.queryString(others)), replicator, worker);
            assertThat(target.queryString("SELECT label FROM labels WHERE id = 7")).isEqualTo("l7");
            assertThat(firstDeadLetter(f).getHeaders().getFirst("Pgflo-Dlq-Sql-State")).isEqualTo("22001");
        }
    }

    @Test
    void aTableFirstSeenWhileACopyStreamsIsReadAfterTheCopyEnds() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_sink_stream", dir);
             TestDatabase target = f.db.server().createDatabase("pg_sink_stream_target")) {
            inBoth(f.db, target, "CREATE TABLE first_table(id int PRIMARY KEY, note text)",
                    "CREATE TABLE second_table(id int PRIMARY KEY, note text)");
            countStatements(target, "first_table", "INSERT");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            // One transaction: the worker meets second_table, unknown to it, while the COPY into first_table is open.
            f.db.execute("DO $$BEGIN INSERT INTO first_table SELECT g, 'n' || g FROM generate_series(1, 300) g;"
                    + " INSERT INTO second_table VALUES (1, 'one'); INSERT INTO first_table VALUES (301, 'last'); END$$");
            String expectedFirst = rowsDigest(f.db, "first_table");
            String expectedSecond = rowsDigest(f.db, "second_table");
            awaitTrue("both tables equal", () -> expectedFirst.equals(rowsDigest(target, "first_table"))
                    && expectedSecond.equals(rowsDigest(target, "second_table")), replicator, worker);
            // The 300 rows went as one COPY, the last one as an upsert, and the batch was never taken apart.
            assertThat(target.queryLong("SELECT count(*) FROM statements_seen")).isEqualTo(2);
            assertThat(worker.log()).doesNotContain("one by one");
        }
    }

    @Test
    void runsOfNewRowsGoInBinaryAndTurnToTextAtAValueNoEncoderKnows() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_sink_binary", dir);
             TestDatabase target = f.db.server().createDatabase("pg_sink_binary_target")) {
            inBoth(f.db, target, "CREATE TABLE typed(id int8 PRIMARY KEY, n int4, s int2, note text, v varchar(20),"
                    + " c char(3), amount numeric(12,2), f8 float8, f4 float4, at timestamptz, ts timestamp, d date,"
                    + " doc jsonb, j json, flag bool, u uuid, b bytea)");
            countStatements(target, "typed", "INSERT");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            String row = "SELECT g, g - 500, g % 300, E'tab\\there\\nline\\\\ ü ' || g, 'v' || g, 'c', (g - 300) / 7.0,"
                    + " g / 3.0, g / 7.0, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour 1.5 second',"
                    + " timestamp '1999-12-31 23:00' + g * interval '1 minute', date '1970-01-01' + g,"
                    + " jsonb_build_object('n', g, 'q', 'say \"hi\"'), '{\"a\": [1, 2]}', g % 2 = 0,"
                    + " md5(g::text)::uuid, decode(md5(g::text), 'hex') FROM generate_series";
            f.db.execute("INSERT INTO typed " + row + "(1, 400) g");
            // Every column's type has a binary encoder, and every value is in a form it knows: one COPY.
            String first = rowsDigest(f.db, "typed");
            awaitTrue("first run applied", () -> first.equals(rowsDigest(target, "typed")), replicator, worker);
            assertThat(target.queryLong("SELECT count(*) FROM statements_seen")).isEqualTo(1);
            // An infinite timestamp has no binary form here: the binary COPY ends before that row, and the rest go as text.
            f.db.execute("INSERT INTO typed " + row + "(401, 800) g", "UPDATE typed SET at = 'infinity', n = NULL WHERE id = 600");
            f.db.execute("DO $$BEGIN INSERT INTO typed SELECT id + 1000, n, s, note, v, c, amount, f8, f4, at, ts, d, doc, j,"
                    + " flag, u, b FROM typed WHERE id BETWEEN 401 AND 800 ORDER BY id; END$$");
            String expected = rowsDigest(f.db, "typed");
            awaitTrue("target equal to source", () -> expected.equals(rowsDigest(target, "typed")), replicator, worker);
            // The second run (401-800) went as one COPY; the third as a binary COPY up to the row of id 1600 and a text
            // COPY from there; the UPDATE in between as one statement of its own.
            assertThat(target.queryLong("SELECT count(*) FROM statements_seen")).isEqualTo(4);
            assertThat(worker.log()).doesNotContain("one by one");
        }
    }

    @Test
    void aColumnWhoseTypeChangedOnTheTargetIsNotWrittenWithItsOldBinaryForm() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_sink_retyped", dir);
             TestDatabase target = f.db.server().createDatabase("pg_sink_retyped_target")) {
            inBoth(f.db, target, "CREATE TABLE retyped(id int8 PRIMARY KEY, amount int8, at timestamptz)");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            String rows = "SELECT g, g % 1000, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 s' FROM generate_series";
            f.db.execute("INSERT INTO retyped " + rows + "(1, 300) g");
            String first = rowsDigest(f.db, "retyped");
            awaitTrue("first run applied", () -> first.equals(rowsDigest(target, "retyped")), replicator, worker);
            // Outside replication: the sink still holds the table as it read it, with amount an int8. The eight bytes
            // of a small int8, read by numeric's receive function, are a valid numeric of another value (0 with a
            // scale of the int8's value), without an error.
            target.execute("ALTER TABLE retyped ALTER COLUMN amount TYPE numeric");
            f.db.execute("INSERT INTO retyped " + rows + "(301, 600) g");
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (target.queryLong("SELECT count(*) FROM retyped") < 600 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(target.queryLong("SELECT count(*) FROM retyped WHERE amount = id % 1000"
                    + " AND at = timestamptz '2026-01-01 00:00:00+00' + id * interval '1 s'")).isEqualTo(600);
            assertThat(worker.log()).contains("has another type on the target than when the sink read it");
        }
    }

    @Test
    void longRunsOfInsertsLoadWithCopyAndFallBackToUpsertsWhenRowsExist() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_sink_copy", dir);
             TestDatabase target = f.db.server().createDatabase("pg_sink_copy_target")) {
            inBoth(f.db, target, "CREATE TABLE bulk(id int PRIMARY KEY, note text, tags text[])");
            // Rows 1000 to 1009 exist on the target with other values: the COPY of the second run fails on them,
            // and the run is applied as upserts instead.
            target.execute("INSERT INTO bulk SELECT g, 'stale', NULL FROM generate_series(1000, 1009) g");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO bulk SELECT g, E'tab\\there\\nline\\\\' || g, ARRAY['a,b', NULL, 'q\"' || g]"
                            + " FROM generate_series(1, 999) g",
                    "INSERT INTO bulk SELECT g, 'second ' || g, NULL FROM generate_series(1000, 1999) g");
            String expected = rowsDigest(f.db, "bulk");
            awaitTrue("target equal to source", () -> expected.equals(rowsDigest(target, "bulk")), replicator, worker);
            assertThat(target.queryLong("SELECT count(*) FROM bulk WHERE note = 'stale'")).isZero();
        }
    }

    @Test
    void nullsToastedValuesAndDeletesByIdListAndRange() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_sink", dir); TestDatabase target = f.db.server().createDatabase("pg_sink_target")) {
            inBoth(f.db, target, "CREATE TABLE docs(id int PRIMARY KEY, note text, big text, data jsonb, n int)");
            // The ~1 MB jsonb row needs messages above NATS's default 1 MB limit; the test server allows 8 MB.
            PgFloProcess replicator = f.replicator("--max-message-bytes", "4000000");
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO docs SELECT g, 'note ' || g, repeat(md5(g::text), 320), NULL, g FROM generate_series(1, 50) g",
                    "INSERT INTO docs VALUES (100, 'json', 'x', (SELECT jsonb_agg(jsonb_build_object('i', g, 'pad', md5(g::text)))"
                            + " FROM generate_series(1, 20000) g), 0)",
                    "UPDATE docs SET note = NULL WHERE id <= 10",
                    "UPDATE docs SET n = n + 1000 WHERE id = 100",
                    "UPDATE docs SET n = -1 WHERE id BETWEEN 11 AND 20",
                    "DELETE FROM docs WHERE id = 21", "DELETE FROM docs WHERE id IN (22, 23, 24)",
                    "DELETE FROM docs WHERE id >= 40 AND id < 50");
            String expected = rowsDigest(f.db, "docs");
            awaitTrue("target equal to source", () -> expected.equals(rowsDigest(target, "docs")), replicator, worker);
            assertThat(target.queryLong("SELECT length(data::text) FROM docs WHERE id = 100")).isGreaterThan(900_000);
            assertThat(target.queryLong("SELECT count(*) FROM docs WHERE note IS NULL")).isEqualTo(10);
        }
    }

    @Test
    void everyKindOfKeyAppliesInsertsUpdatesAndDeletesExactly() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_keys", dir); TestDatabase target = f.db.server().createDatabase("pg_keys_target")) {
            inBoth(f.db, target, "CREATE TABLE by_pk(id int PRIMARY KEY, v text)",
                    "CREATE TABLE by_unique(code text NOT NULL, v text)", "CREATE UNIQUE INDEX by_unique_code ON by_unique(code)",
                    "CREATE TABLE by_composite(a int, b text, v text, PRIMARY KEY (a, b))",
                    "CREATE TABLE by_multi_unique(a int NOT NULL, b int NOT NULL, v text, UNIQUE (a, b))",
                    "CREATE TABLE full_and_pk(id int PRIMARY KEY, v text)", "CREATE TABLE full_only(id int, v text)");
            f.db.execute("ALTER TABLE by_unique REPLICA IDENTITY USING INDEX by_unique_code",
                    "ALTER TABLE by_multi_unique REPLICA IDENTITY USING INDEX by_multi_unique_a_b_key",
                    "ALTER TABLE full_and_pk REPLICA IDENTITY FULL", "ALTER TABLE full_only REPLICA IDENTITY FULL");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO by_pk SELECT g, 'v' || g FROM generate_series(1, 20) g",
                    "INSERT INTO by_unique SELECT 'c' || g, 'v' || g FROM generate_series(1, 20) g",
                    "INSERT INTO by_composite SELECT g % 5, 'b' || g, 'v' || g FROM generate_series(1, 20) g",
                    "INSERT INTO by_multi_unique SELECT g, g * 2, 'v' || g FROM generate_series(1, 20) g",
                    "INSERT INTO full_and_pk SELECT g, 'v' || g FROM generate_series(1, 20) g",
                    "INSERT INTO full_only SELECT g % 10, 'same' FROM generate_series(1, 20) g",
                    "UPDATE by_pk SET id = id + 100, v = 'moved' WHERE id <= 5", "UPDATE by_pk SET v = 'changed' WHERE id > 15",
                    "UPDATE by_unique SET code = code || 'x' WHERE v IN ('v1', 'v2')", "UPDATE by_unique SET v = NULL WHERE v = 'v3'",
                    "UPDATE by_composite SET b = b || '!' WHERE a = 1", "UPDATE by_multi_unique SET v = 'w' WHERE a < 4",
                    "UPDATE full_and_pk SET v = 'full' WHERE id < 5", "UPDATE full_only SET v = 'one' WHERE id = 3",
                    "DELETE FROM by_pk WHERE id = 10", "DELETE FROM by_unique WHERE code = 'c10'",
                    "DELETE FROM by_composite WHERE a = 2", "DELETE FROM by_multi_unique WHERE a = 10",
                    "DELETE FROM full_and_pk WHERE id = 7", "DELETE FROM full_only WHERE id = 4");
            for (String table : new String[] {"by_pk", "by_unique", "by_composite", "by_multi_unique", "full_and_pk", "full_only"}) {
                String order = table.equals("by_unique") ? "code" : table.startsWith("by_composite") ? "a, b"
                        : table.equals("by_multi_unique") ? "a, b" : "id, v";
                String query = "SELECT count(*) || ':' || string_agg(md5(row_to_json(t)::text), ',' ORDER BY " + order
                        + ") FROM " + table + " t";
                String expected = f.db.queryString(query);
                awaitTrue(table + " equal", () -> expected.equals(target.queryString(query)), replicator, worker);
            }
        }
    }

    @Test
    void aRowTheTargetRejectsIsDeadLetteredAndTheRestArrives() throws Exception {
        try (PipelineFixture f = new PipelineFixture("pg_poison", dir); TestDatabase target = f.db.server().createDatabase("pg_poison_target")) {
            inBoth(f.db, target, "CREATE TABLE items(id int PRIMARY KEY, qty int)");
            target.execute("ALTER TABLE items ADD CONSTRAINT target_only CHECK (qty < 1000)");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target);
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO items SELECT g, CASE WHEN g = 13 THEN 5000 ELSE g END FROM generate_series(1, 30) g",
                    "INSERT INTO items VALUES (31, 1)");
            awaitTrue("29 good rows", () -> target.queryLong("SELECT count(*) FROM items") == 30, replicator, worker);
            assertThat(target.queryLong("SELECT count(*) FROM items WHERE id = 13")).isZero();
            MessageInfo dead = firstDeadLetter(f);
            assertThat(dead.getHeaders().getFirst("Pgflo-Dlq-Reason")).contains("target_only");
            assertThat(dead.getHeaders().getFirst("Pgflo-Dlq-Sql-State")).isEqualTo("23514");
        }
    }
}
