package io.pgflo.camel.pipeline;

import static io.pgflo.camel.pipeline.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code worker postgres --target-sync-schema} against an empty target, run as users run it. */
@Timeout(300)
class SchemaSyncIT {

    private static final String[] SOURCE_SCHEMA = {
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE DOMAIN positive AS int CHECK (VALUE > 0)",
        "CREATE SCHEMA \"Sales\"",
        "CREATE TYPE \"Sales\".address AS (street text, mood mood)",
        "CREATE TABLE orders(id serial PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok', moods mood[], note text)",
        "CREATE TABLE order_lines(id bigserial PRIMARY KEY, order_id int NOT NULL REFERENCES orders(id), qty positive,"
                + " ship_to \"Sales\".address)",
        "CREATE INDEX order_lines_order ON order_lines(order_id)",
        "CREATE TABLE not_in_group(id int PRIMARY KEY)"};

    @TempDir
    Path dir;

    private static String digest(TestDatabase db, String table) {
        return db.queryString("SELECT count(*) || ':' || coalesce(string_agg(md5(row_to_json(t)::text), ',' ORDER BY id), '')"
                + " FROM " + table + " t");
    }

    /** The sync flags, reading the source as {@code user} with {@code password} (null for none). */
    private static String[] syncFlags(PipelineFixture f, String user, String password, String... extra) {
        PgServer pg = f.db.server();
        List<String> args = new ArrayList<>(List.of("--target-sync-schema", "--source-host", pg.host(), "--source-port",
                String.valueOf(pg.port()), "--source-dbname", f.db.name(), "--source-user", user,
                "--tables", "orders,order_lines"));
        if (password != null) {
            args.addAll(List.of("--source-password", password));
        }
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    private static boolean exists(TestDatabase db, String regclass) {
        return db.queryLong("SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + regclass + "')") == 1;
    }

    @Test
    void createsTheGroupsTablesOnAnEmptyTargetThenRowsReplicateAndASecondStartCreatesNothing() throws Exception {
        try (PipelineFixture f = new PipelineFixture("sync_schema", dir);
             TestDatabase target = f.db.server().createDatabase("sync_schema_target")) {
            f.db.execute(SOURCE_SCHEMA);
            PgFloProcess replicator = f.replicator("--tables", "orders,order_lines");
            f.awaitReplicatorStreaming(replicator);
            PgServer pg = f.db.server();
            PgFloProcess worker = f.postgresWorker(target, syncFlags(f, pg.user(), pg.password()));
            awaitTrue("tables on the target", () -> exists(target, "public.order_lines"), worker);

            assertThat(exists(target, "public.orders")).isTrue();
            assertThat(exists(target, "public.not_in_group")).as("a table outside --tables").isFalse();
            assertThat(target.queryString("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum"
                    + " WHERE enumtypid = 'public.mood'::regtype")).isEqualTo("sad,ok,happy");
            assertThat(target.queryString("SELECT pg_get_serial_sequence('public.orders', 'id')")).isEqualTo("public.orders_id_seq");
            assertThat(target.queryString("SELECT pg_get_serial_sequence('public.order_lines', 'id')"))
                    .isEqualTo("public.order_lines_id_seq");
            assertThat(target.queryString("SELECT typtype::text FROM pg_type WHERE oid = 'public.positive'::regtype")).isEqualTo("d");
            assertThat(target.queryString("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'public.order_lines'::regclass AND attname = 'ship_to'")).isEqualTo("\"Sales\".address");
            assertThat(target.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.order_lines'::regclass"
                    + " AND contype = 'f'")).isEqualTo(1);
            assertThat(exists(target, "public.order_lines_order")).as("index").isTrue();

            f.db.execute("INSERT INTO orders(mood, moods, note) SELECT (ARRAY['sad','ok','happy'])[1 + g % 3]::mood,"
                            + " ARRAY['sad','happy']::mood[], 'n' || g FROM generate_series(1, 30) g",
                    "INSERT INTO order_lines(order_id, qty, ship_to) SELECT 1 + g % 30, g, ROW('street ' || g, 'ok')::\"Sales\".address"
                            + " FROM generate_series(1, 60) g",
                    "UPDATE orders SET mood = 'happy', note = NULL WHERE id <= 5", "DELETE FROM order_lines WHERE id > 50");
            String orders = digest(f.db, "orders");
            String lines = digest(f.db, "order_lines");
            awaitTrue("orders equal", () -> orders.equals(digest(target, "orders")), replicator, worker);
            awaitTrue("order lines equal", () -> lines.equals(digest(target, "order_lines")), replicator, worker);
            assertThat(orders).startsWith("30:");
            assertThat(worker.log()).contains("Schema sync: created on the target");

            worker.stop();
            PgFloProcess again = f.postgresWorker(target, syncFlags(f, pg.user(), pg.password()));
            f.db.execute("INSERT INTO orders(mood, note) VALUES ('sad', 'after restart')");
            String more = digest(f.db, "orders");
            awaitTrue("rows after the second start", () -> more.equals(digest(target, "orders")), replicator, again);
            assertThat(again.alive()).isTrue();
            assertThat(again.log()).contains("has all 2 tables of the group; nothing to create");
        }
    }

    @Test
    void aWrongSourcePasswordOrAFailingPgDumpStopsTheWorkerWithTheError() throws Exception {
        try (PipelineFixture f = new PipelineFixture("sync_fail", dir);
             TestDatabase target = f.db.server().createDatabase("sync_fail_target");
             PasswordRole role = PasswordRole.create(f.db.server())) {
            f.db.execute(SOURCE_SCHEMA);

            PgFloProcess wrong = f.postgresWorker(target, syncFlags(f, role.name(), "not-" + role.password()));
            assertThat(wrong.awaitExit(60)).isEqualTo(1);
            String log = wrong.log();
            assertThat(log).contains("error: --target-sync-schema: cannot connect to the source database " + f.db.name())
                    .contains("password authentication failed for user \"" + role.name() + "\"")
                    .doesNotContain("not-" + role.password());
            assertThat(exists(target, "public.orders")).isFalse();

            // The right password, but no right to read the tables: the catalog answers, pg_dump does not.
            PgFloProcess denied = new PgFloProcess(dir.resolve("denied.log"), deniedArgs(f, target, role)).start();
            try (denied) {
                assertThat(denied.awaitExit(60)).isEqualTo(1);
                assertThat(denied.log()).contains("error: --target-sync-schema: pg_dump of the source database " + f.db.name())
                        .contains("failed with exit code 1")
                        .contains("permission denied for table")
                        .doesNotContain(role.password());
            }
            assertThat(target.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
                    .as("nothing created on the target").isZero();
            assertThat(target.queryLong("SELECT count(*) FROM pg_type WHERE typname = 'mood'")).isZero();
        }
    }

    private static List<String> deniedArgs(PipelineFixture f, TestDatabase target, PasswordRole role) {
        PgServer pg = target.server();
        List<String> args = new ArrayList<>(List.of("worker", "postgres", "--group", f.group, "--nats-url", f.natsUrl,
                "--target-host", pg.host(), "--target-port", String.valueOf(pg.port()), "--target-dbname", target.name(),
                "--target-user", pg.user()));
        if (pg.password() != null) {
            args.addAll(List.of("--target-password", pg.password()));
        }
        args.addAll(List.of(syncFlags(f, role.name(), role.password())));
        return args;
    }
}
