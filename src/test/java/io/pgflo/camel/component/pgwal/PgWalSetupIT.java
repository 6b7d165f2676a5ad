package io.pgflo.camel.component.pgwal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pgflo.camel.testing.PgServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(120)
class PgWalSetupIT extends PgWalTestSupport {

    @Test
    void groupGivesPgFloNamesAndPublishesTheWholeSchemaIncludingNewTables() throws Exception {
        PgServer pg = db.server();
        String group = "orders-" + slot.substring(slot.length() - 5);
        String expected = "pg_flo_" + group.replace('-', '_') + "_publication";
        EventCollector collector = new EventCollector();
        startRoute("pgwal:?group=" + group + "&host=" + pg.host() + "&port=" + pg.port() + "&database=" + db.name()
                + "&user=" + pg.user(), collector);

        assertThat(db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE plugin = 'pgoutput' AND slot_name = '" + expected + "'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid"
                + " WHERE p.pubname = '" + expected + "'")).isEqualTo(1);
        db.execute("CREATE TABLE created_later(id int PRIMARY KEY)", "INSERT INTO created_later VALUES (42)");
        assertThat(EventText.of(collector.await(1, Duration.ofSeconds(30))))
                .containsExactly("INSERT public.created_later new{id=42}");
    }

    @Test
    void existingPublicationIsReusedAndGainsListedTablesItLacks() throws Exception {
        db.execute("CREATE TABLE a(id int PRIMARY KEY)", "CREATE TABLE \"Mixed Case\"(id int PRIMARY KEY)",
                "CREATE PUBLICATION " + slot + " FOR TABLE a");
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=a,\"Mixed Case\""), collector);
        assertThat(db.queryLong("SELECT count(*) FROM pg_publication_tables WHERE pubname = '" + slot + "'")).isEqualTo(2);
        db.execute("INSERT INTO \"Mixed Case\" VALUES (1)", "INSERT INTO a VALUES (2)");
        assertThat(EventText.of(collector.await(2, Duration.ofSeconds(30))))
                .containsExactly("INSERT public.Mixed Case new{id=1}", "INSERT public.a new{id=2}");
    }

    @Test
    void missingTableFailsAtStartNamingIt() {
        db.execute("CREATE TABLE a(id int PRIMARY KEY)");
        assertThatThrownBy(() -> startRoute(uri("tables=a,app.nope"), e -> { }))
                .hasStackTraceContaining("table app.nope does not exist");
    }

    @Test
    void slotOfAnotherPluginIsRefusedWithTheFix() {
        db.execute("CREATE TABLE a(id int PRIMARY KEY)",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'test_decoding')");
        assertThatThrownBy(() -> startRoute(uri("tables=a"), e -> { }))
                .hasStackTraceContaining("replication slot '" + slot + "' exists but is a logical slot with plugin test_decoding");
    }

    @Test
    void keylessTablesGetOneWarningNamingTableAndFix() throws Exception {
        db.execute("CREATE TABLE with_pk(id int PRIMARY KEY)",
                "CREATE TABLE no_key(a int, b text)",
                "CREATE TABLE nothing(id int PRIMARY KEY)", "ALTER TABLE nothing REPLICA IDENTITY NOTHING",
                "CREATE TABLE full_id(a int)", "ALTER TABLE full_id REPLICA IDENTITY FULL",
                "CREATE TABLE by_index(a int NOT NULL)", "CREATE UNIQUE INDEX by_index_a ON by_index(a)",
                "ALTER TABLE by_index REPLICA IDENTITY USING INDEX by_index_a");
        Logger logger = (Logger) LoggerFactory.getLogger(PgWalConsumer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            startRoute(uri(""), e -> { });
        } finally {
            logger.detachAppender(appender);
        }
        List<String> warnings = appender.list.stream().filter(e -> e.getLevel().toString().equals("WARN"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("Table public.no_key has no replica identity key")
                .contains("ALTER TABLE \"public\".\"no_key\" REPLICA IDENTITY FULL");
        assertThat(warnings.get(1)).startsWith("Table public.nothing has no replica identity key");
    }

    @Test
    void badUriOptionsFailAtStartWithClearMessages() {
        PgServer pg = db.server();
        String base = "pgwal:" + slot + "?host=" + pg.host() + "&port=" + pg.port();
        assertThatThrownBy(() -> startRoute(base, e -> { }))
                .hasStackTraceContaining("option 'database' is required");
        assertThatThrownBy(() -> startRoute("pgwal:" + slot + "?database=x&port=70000", e -> { }))
                .hasStackTraceContaining("option 'port' is 70000; expected 1 to 65535");
        assertThatThrownBy(() -> startRoute("pgwal:" + slot + "?database=x&port=abc", e -> { }))
                .hasStackTraceContaining("port=abc");
        assertThatThrownBy(() -> startRoute(base + "&database=" + db.name() + "&colour=blue", e -> { }))
                .hasStackTraceContaining("colour=blue");
        assertThatThrownBy(() -> startRoute("pgwal:Bad-Slot?database=x", e -> { }))
                .hasStackTraceContaining("slot name 'Bad-Slot' is invalid");
        assertThatThrownBy(() -> startRoute("pgwal:?database=x", e -> { }))
                .hasStackTraceContaining("a slot name is required: write pgwal:<slot> or set option 'group'");
        assertThatThrownBy(() -> startRoute("pgwal:s?database=x&chunkSize=0", e -> { }))
                .hasStackTraceContaining("option 'chunkSize' is 0; expected at least 1");
    }

    @Test
    void wrongPasswordFailsAtStartWithoutPrintingIt() {
        PgServer pg = db.server();
        // The local and container servers trust or check passwords differently; an unknown user fails on both.
        assertThatThrownBy(() -> startRoute("pgwal:" + slot + "?host=" + pg.host() + "&port=" + pg.port()
                + "&database=" + db.name() + "&user=nobody_here&password=s3cr3t-value", e -> { }))
                .satisfies(e -> assertThat(stackTrace(e)).contains("nobody_here").doesNotContain("s3cr3t-value"));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
