package io.pgflo.camel.pipeline;

import static io.pgflo.camel.pipeline.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.pgflo.camel.cli.PgFloCli;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL tracking end to end: the source's DDL travels through the WAL with the rows and the PostgreSQL sink
 * reconciles the target's catalog, with the replicator and worker as users run them.
 */
@Timeout(300)
class DdlIT {

    private static final String SCHEMA = "CREATE SCHEMA app;CREATE SCHEMA other;"
            + "CREATE TABLE app.users(id int PRIMARY KEY, data text);"
            + "CREATE TABLE app.posts(id int PRIMARY KEY, title text);"
            + "CREATE TABLE app.untracked(id int PRIMARY KEY, v text);"
            + "CREATE TABLE other.users(id int PRIMARY KEY, data text)";

    @TempDir
    Path dir;

    @Test
    void pgFlosDdlScenarioReachesTheTargetAndUntrackedTablesStayAsTheyAre() throws Exception {
        try (PipelineFixture f = new PipelineFixture("ddl_scenario", dir);
             TestDatabase target = f.db.server().createDatabase("ddl_scenario_target")) {
            inBoth(f.db, target, SCHEMA.split(";"));
            PgFloProcess replicator = f.replicator("--schema", "app", "--tables", "users,posts", "--track-ddl");
            PgFloProcess worker = f.postgresWorker(target, "--schema", "app");
            f.awaitReplicatorStreaming(replicator);
            PgFloProcess[] logs = {replicator, worker};

            f.db.execute("INSERT INTO app.users VALUES (1, 'd1')",
                    "ALTER TABLE app.users ADD COLUMN email text",
                    "INSERT INTO app.users VALUES (2, 'd2', 'b@example.com')",
                    "ALTER TABLE app.users ADD COLUMN status varchar(50) DEFAULT 'active'",
                    "INSERT INTO app.users (id, data, email) VALUES (3, 'd3', 'c@example.com')",
                    "CREATE INDEX CONCURRENTLY users_email_idx ON app.users (email)",
                    "ALTER TABLE app.users ALTER COLUMN status SET DEFAULT 'pending'",
                    "ALTER TABLE app.users RENAME COLUMN data TO profile",
                    "INSERT INTO app.users (id, profile, email) VALUES (4, 'p4', 'd@example.com')",
                    "UPDATE app.users SET profile = 'p1' WHERE id = 1");
            awaitTrue("the index built CONCURRENTLY on the target",
                    () -> indexes(target, "app.users").equals("users_email_idx btree (email) valid,users_pkey unique btree (id) valid"),
                    logs);
            awaitTrue("the rename on the target", () -> columns(target, "app.users").equals(columns(f.db, "app.users")), logs);

            f.db.execute("DROP INDEX app.users_email_idx",
                    "ALTER TABLE app.posts ADD COLUMN category text",
                    "INSERT INTO app.posts VALUES (1, 't1', 'news')",
                    "CREATE UNIQUE INDEX posts_category_uniq ON app.posts (category) WHERE category IS NOT NULL");
            awaitTrue("the partial unique index on the target", () -> indexes(target, "app.posts").equals(
                    "posts_category_uniq unique btree (category) WHERE (category IS NOT NULL) valid,posts_pkey unique btree (id) valid"),
                    logs);
            f.db.execute("ALTER TABLE app.posts ALTER COLUMN category TYPE varchar(100)");
            awaitTrue("the new type on the target", () -> columns(target, "app.posts").contains("category character varying(100)"), logs);
            assertThat(indexes(target, "app.posts")).contains("posts_category_uniq");

            f.db.execute("ALTER TABLE app.posts DROP COLUMN category",
                    "INSERT INTO app.posts VALUES (2, 't2')",
                    "ALTER TABLE app.untracked ADD COLUMN extra int",
                    "CREATE INDEX untracked_v ON app.untracked (v)",
                    "ALTER TABLE other.users ADD COLUMN extra int",
                    "ALTER TABLE other.users RENAME COLUMN data TO renamed",
                    "INSERT INTO app.users (id, profile) VALUES (5, 'marker')");
            awaitTrue("the last row", () -> target.queryLong("SELECT count(*) FROM app.users WHERE id = 5") == 1, logs);

            assertThat(columns(target, "app.users")).isEqualTo(columns(f.db, "app.users"))
                    .isEqualTo("id integer not null, profile text, email text,"
                            + " status character varying(50) default 'pending'::character varying");
            assertThat(indexes(target, "app.users")).isEqualTo("users_pkey unique btree (id) valid");
            assertThat(columns(target, "app.posts")).isEqualTo(columns(f.db, "app.posts")).isEqualTo("id integer not null, title text");
            assertThat(indexes(target, "app.posts")).isEqualTo("posts_pkey unique btree (id) valid");
            assertThat(rows(target, "app.users")).isEqualTo(rows(f.db, "app.users"));
            assertThat(rows(target, "app.posts")).isEqualTo(rows(f.db, "app.posts"));
            assertThat(columns(target, "app.untracked")).isEqualTo("id integer not null, v text");
            assertThat(indexes(target, "app.untracked")).isEqualTo("untracked_pkey unique btree (id) valid");
            assertThat(columns(target, "other.users")).isEqualTo("id integer not null, data text");
            assertThat(deadLetters(f, f.group)).isZero();
        }
    }

    @Test
    void aColumnAddedAndUsedInOneTransactionArrivesWithItsRows() throws Exception {
        try (PipelineFixture f = new PipelineFixture("ddl_order", dir);
             TestDatabase target = f.db.server().createDatabase("ddl_order_target")) {
            inBoth(f.db, target, SCHEMA.split(";"));
            PgFloProcess replicator = f.replicator("--schema", "app", "--tables", "users", "--track-ddl");
            PgFloProcess worker = f.postgresWorker(target, "--schema", "app");
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO app.users VALUES (1, 'before')");
            f.db.execute("BEGIN; ALTER TABLE app.users ADD COLUMN score int NOT NULL DEFAULT 0;"
                    + " INSERT INTO app.users VALUES (2, 'two', 20), (3, 'three', 30);"
                    + " UPDATE app.users SET score = 10 WHERE id = 1; COMMIT");
            awaitTrue("the rows of the transaction", () -> target.queryLong("SELECT count(*) FROM app.users") == 3, replicator, worker);
            assertThat(target.queryString("SELECT string_agg(id || ':' || score, ',' ORDER BY id) FROM app.users"))
                    .isEqualTo("1:10,2:20,3:30");
            assertThat(columns(target, "app.users")).isEqualTo(columns(f.db, "app.users"));
            assertThat(deadLetters(f, f.group)).isZero();
        }
    }

    @Test
    void aWorkerKilledAfterApplyingDdlButBeforeAckingRestartsWithoutError() throws Exception {
        try (PipelineFixture f = new PipelineFixture("ddl_replay", dir);
             TestDatabase target = f.db.server().createDatabase("ddl_replay_target")) {
            inBoth(f.db, target, SCHEMA.split(";"));
            inBoth(f.db, target, "INSERT INTO app.posts VALUES (1, 'first')");
            PgFloProcess replicator = f.replicator("--schema", "app", "--tables", "users,posts", "--track-ddl");
            f.awaitReplicatorStreaming(replicator);
            // The index and the update after it reach the worker in one batch. A target session holds the
            // updated row, so the worker stops after the index (built outside any transaction) and before
            // it can commit and acknowledge the batch: it is killed there.
            f.db.execute("CREATE INDEX CONCURRENTLY users_data_idx ON app.users (data)",
                    "ALTER TABLE app.users ADD COLUMN note text",
                    "UPDATE app.posts SET title = 'second' WHERE id = 1");
            awaitTrue("the replicator published the changes", () -> streamMessages(f) >= 3, replicator);
            try (java.sql.Connection blocker = target.connect(); java.sql.Statement st = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                st.execute("UPDATE app.posts SET title = title WHERE id = 1");
                PgFloProcess worker = f.postgresWorker(target, "--schema", "app");
                // Catalog rows only: the worker's ALTER TABLE holds app.users, which pg_get_indexdef would wait for.
                awaitTrue("the index on the target", () -> target.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c"
                        + " ON c.oid = i.indexrelid WHERE c.relname = 'users_data_idx' AND i.indisvalid") == 1, worker);
                awaitTrue("the worker waiting on the held row", () -> target.queryLong("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE application_name = 'pgflo-sink' AND wait_event_type = 'Lock'") == 1, worker);
                worker.kill();
                blocker.rollback();
            }
            assertThat(target.queryString("SELECT title FROM app.posts WHERE id = 1")).isEqualTo("first");

            PgFloProcess restarted = f.postgresWorker(target, "--schema", "app");
            awaitTrue("the update after the replayed DDL",
                    () -> "second".equals(target.queryString("SELECT title FROM app.posts WHERE id = 1")), restarted);
            f.db.execute("INSERT INTO app.users VALUES (7, 'after', 'with a note')");
            awaitTrue("a row using the new column", () -> target.queryLong("SELECT count(*) FROM app.users WHERE note = 'with a note'") == 1,
                    restarted);
            assertThat(columns(target, "app.users")).isEqualTo(columns(f.db, "app.users"));
            assertThat(indexes(target, "app.users")).isEqualTo(indexes(f.db, "app.users"));
            assertThat(restarted.log()).contains("the target already matches").doesNotContain("ERROR");
            assertThat(deadLetters(f, f.group)).isZero();
        }
    }

    @Test
    void twoGroupsOnOneDatabaseEachSeeOnlyTheirOwnTablesDdl() throws Exception {
        try (PipelineFixture f = new PipelineFixture("ddl_groups", dir);
             TestDatabase targetA = f.db.server().createDatabase("ddl_groups_a");
             TestDatabase targetB = f.db.server().createDatabase("ddl_groups_b")) {
            String groupB = f.anotherGroup();
            String tables = "CREATE TABLE app.a1(id int PRIMARY KEY, v text);CREATE TABLE app.b1(id int PRIMARY KEY, v text)";
            f.db.execute("CREATE SCHEMA app");
            targetA.execute("CREATE SCHEMA app");
            targetB.execute("CREATE SCHEMA app");
            f.db.execute(tables.split(";"));
            targetA.execute(tables.split(";"));
            targetB.execute(tables.split(";"));
            // Started together: the shared triggers are installed once, under the advisory lock.
            PgFloProcess replicatorA = f.replicator("--schema", "app", "--tables", "a1", "--track-ddl");
            PgFloProcess replicatorB = f.replicatorOf(groupB, "--schema", "app", "--tables", "b1", "--track-ddl");
            PgFloProcess workerA = f.postgresWorker(targetA, "--schema", "app");
            PgFloProcess workerB = f.postgresWorkerOf(groupB, targetB, "--schema", "app");
            f.awaitReplicatorStreaming(replicatorA);
            f.awaitReplicatorStreaming(groupB, replicatorB);
            PgFloProcess[] logs = {replicatorA, replicatorB, workerA, workerB};
            String registry = "SELECT string_agg(group_name || ':' || array_to_string(tables, ','), ' ' ORDER BY tables)"
                    + " FROM pgflo.ddl_groups";
            awaitTrue("both groups registered", () -> (f.group + ":a1 " + groupB + ":b1").equals(f.db.queryString(registry)),
                    logs);

            f.db.execute("ALTER TABLE app.a1 ADD COLUMN only_a int", "ALTER TABLE app.b1 ADD COLUMN only_b int",
                    "CREATE INDEX b1_v ON app.b1 (v)",
                    "INSERT INTO app.a1 VALUES (1, 'a', 1)", "INSERT INTO app.b1 VALUES (1, 'b', 2)");
            awaitTrue("group A's row", () -> targetA.queryLong("SELECT count(*) FROM app.a1") == 1, logs);
            awaitTrue("group B's row", () -> targetB.queryLong("SELECT count(*) FROM app.b1") == 1, logs);
            assertThat(columns(targetA, "app.a1")).isEqualTo("id integer not null, v text, only_a integer");
            assertThat(columns(targetA, "app.b1")).isEqualTo("id integer not null, v text");
            assertThat(indexes(targetA, "app.b1")).isEqualTo("b1_pkey unique btree (id) valid");
            assertThat(columns(targetB, "app.b1")).isEqualTo("id integer not null, v text, only_b integer");
            assertThat(indexes(targetB, "app.b1")).isEqualTo("b1_pkey unique btree (id) valid,b1_v btree (v) valid");
            assertThat(columns(targetB, "app.a1")).isEqualTo("id integer not null, v text");
            assertThat(deadLetters(f, f.group)).isZero();
            assertThat(deadLetters(f, groupB)).isZero();

            replicatorA.stop();
            replicatorB.stop();
            assertThat(cleanup(f, f.group)).isZero();
            assertThat(f.db.queryLong("SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'pgflo_ddl%'"))
                    .as("triggers stay while group B tracks DDL").isEqualTo(2);
            assertThat(f.db.queryString("SELECT string_agg(group_name, ',') FROM pgflo.ddl_groups")).isEqualTo(groupB);
            assertThat(cleanup(f, groupB)).isZero();
            assertThat(f.db.queryLong("SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'pgflo_ddl%'")).isZero();
            assertThat(f.db.queryLong("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname = 'pgflo'")).isZero();
            assertThat(f.db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgflo'")).isZero();
        }
    }

    @Test
    void routingRenamesDdlOfRoutedTablesAndWhatCannotBeMappedIsDeadLettered() throws Exception {
        try (PipelineFixture f = new PipelineFixture("ddl_routing", dir);
             TestDatabase target = f.db.server().createDatabase("ddl_routing_target")) {
            f.db.execute("CREATE SCHEMA app", "CREATE TABLE app.users(id int PRIMARY KEY, data text)");
            target.execute("CREATE SCHEMA crm", "CREATE TABLE crm.customers(customer_id int PRIMARY KEY, profile text)");
            Path routing = dir.resolve("routing.yaml");
            java.nio.file.Files.writeString(routing, """
                    users:
                      source_table: app.users
                      destination_table: crm.customers
                      column_mappings:
                        - {source: id, destination: customer_id}
                        - {source: data, destination: profile}
                    """);
            PgFloProcess replicator = f.replicator("--schema", "app", "--tables", "users", "--track-ddl");
            PgFloProcess worker = f.postgresWorker(target, "--schema", "app", "--routing-config", routing.toString());
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("ALTER TABLE app.users ADD COLUMN email text DEFAULT 'none'",
                    "CREATE INDEX users_data_idx ON app.users (data)",
                    "CREATE INDEX users_lower_idx ON app.users (lower(data))",
                    "INSERT INTO app.users VALUES (1, 'one', 'a@example.com')");
            awaitTrue("the routed row", () -> target.queryLong("SELECT count(*) FROM crm.customers") == 1, replicator, worker);
            assertThat(columns(target, "crm.customers"))
                    .isEqualTo("customer_id integer not null, profile text, email text default 'none'::text");
            assertThat(indexes(target, "crm.customers"))
                    .isEqualTo("customers_pkey unique btree (customer_id) valid,users_data_idx btree (profile) valid");
            awaitTrue("the unmappable index dead-lettered", () -> deadLettersOrZero(f) == 1, replicator, worker);
            try (Connection nats = Nats.connect(f.natsUrl)) {
                String reason = nats.jetStreamManagement().getMessage(PgFloNames.deadLetterStream(f.group), 1).getHeaders()
                        .getFirst("Pgflo-Dlq-Reason");
                assertThat(reason).contains("index users_lower_idx of app.users uses column data, which routing renames,"
                        + " in an expression or a WHERE clause");
            }
            // The expression index stays on the source; later DDL of the table still maps.
            f.db.execute("ALTER TABLE app.users ADD COLUMN later int", "INSERT INTO app.users VALUES (2, 'two', NULL, 2)");
            awaitTrue("the later column and its row", () -> columns(target, "crm.customers").contains("later integer")
                    && target.queryLong("SELECT count(*) FROM crm.customers WHERE later = 2") == 1, replicator, worker);
            assertThat(deadLetters(f, f.group)).isEqualTo(1);
        }
    }

    @Test
    void theFileSinkShowsDdlInPgFlosShape() throws Exception {
        try (PipelineFixture f = new PipelineFixture("ddl_file", dir)) {
            f.db.execute("CREATE TABLE users(id int PRIMARY KEY, data text)");
            PgFloProcess replicator = f.replicator("--tables", "users", "--track-ddl");
            PgFloProcess worker = f.worker();
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("ALTER TABLE users ADD COLUMN email text", "INSERT INTO users VALUES (1, 'x', 'a@example.com')");
            java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = f.awaitLines(2, Duration.ofSeconds(90), replicator, worker);
            com.fasterxml.jackson.databind.JsonNode ddl = lines.get(0);
            assertThat(ddl.get("Type").asText()).isEqualTo("DDL");
            assertThat(ddl.get("Schema").asText()).isEqualTo("public");
            assertThat(ddl.get("Table").asText()).isEqualTo("users");
            assertThat(ddl.get("Command").asText()).isEqualTo("ALTER TABLE users ADD COLUMN email text");
            assertThat(ddl.get("Ddl").get("table").get("columns").get(2).get("name").asText()).isEqualTo("email");
            assertThat(lines.get(1).get("Type").asText()).isEqualTo("INSERT");
            assertThat(lines.get(1).get("NewTuple").get("email").asText()).isEqualTo("a@example.com");
        }
    }

    private static long deadLettersOrZero(PipelineFixture f) {
        try {
            return deadLetters(f, f.group);
        } catch (Exception e) {
            return 0;
        }
    }

    private static int cleanup(PipelineFixture f, String group) {
        return PgFloCli.execute(new String[] {"cleanup", "--group", group, "--host", f.db.server().host(),
                "--port", String.valueOf(f.db.server().port()), "--dbname", f.db.name(), "--user", f.db.server().user(),
                "--nats-url", f.natsUrl}, f.db.server().password() == null ? Map.of()
                : Map.of("PG_FLO_PASSWORD", f.db.server().password()));
    }

    private static void inBoth(TestDatabase source, TestDatabase target, String... statements) {
        source.execute(statements);
        target.execute(statements);
    }

    /** Columns in order: name, type, NOT NULL and default, as the catalog has them. */
    private static String columns(TestDatabase db, String table) {
        return db.queryString("SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                + " || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = '" + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped");
    }

    /** Indexes by name: unique, method, keys and predicate, validity. */
    private static String indexes(TestDatabase db, String table) {
        return db.queryString("SELECT coalesce(string_agg(c.relname || CASE WHEN i.indisunique THEN ' unique' ELSE '' END || ' '"
                + " || substr(pg_get_indexdef(i.indexrelid), strpos(pg_get_indexdef(i.indexrelid), ' USING ') + 7)"
                + " || CASE WHEN i.indisvalid THEN ' valid' ELSE ' INVALID' END, ',' ORDER BY c.relname), '')"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '" + table + "'::regclass");
    }

    private static String rows(TestDatabase db, String table) {
        return db.queryString("SELECT count(*) || ':' || coalesce(string_agg(md5(row_to_json(t)::text), ',' ORDER BY id), '')"
                + " FROM " + table + " t");
    }

    private static long deadLetters(PipelineFixture f, String group) throws Exception {
        try (Connection nats = Nats.connect(f.natsUrl)) {
            return nats.jetStreamManagement().getStreamInfo(PgFloNames.deadLetterStream(group)).getStreamState().getMsgCount();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == 10059) {
                return 0;
            }
            throw e;
        }
    }

    private static long streamMessages(PipelineFixture f) {
        try (Connection nats = Nats.connect(f.natsUrl)) {
            return nats.jetStreamManagement().getStreamInfo(PgFloNames.stream(f.group)).getStreamState().getMsgCount();
        } catch (Exception e) {
            return 0;
        }
    }

}
