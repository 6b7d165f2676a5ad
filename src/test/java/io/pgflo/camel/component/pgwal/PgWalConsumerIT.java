package io.pgflo.camel.component.pgwal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class PgWalConsumerIT extends PgWalTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void changesArriveAsExactEventsInCommitOrder() throws Exception {
        db.execute("CREATE TABLE items(id int PRIMARY KEY, name text, note text)",
                "CREATE TABLE audit(a int, b text)",
                "ALTER TABLE audit REPLICA IDENTITY FULL");
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=items,public.audit"), collector);

        db.execute("INSERT INTO items VALUES (1, 'a', NULL), (2, 'b''q', 'x')",
                "UPDATE items SET note = 'n1' WHERE id = 1",
                "UPDATE items SET id = 3 WHERE id = 2",
                "DELETE FROM items WHERE id = 1",
                "INSERT INTO audit VALUES (7, 'seven')",
                "UPDATE audit SET b = 'SEVEN' WHERE a = 7",
                "DELETE FROM audit WHERE a = 7",
                "SELECT pg_logical_emit_message(true, 'pgflo-test', 'héllo')",
                "TRUNCATE items, audit");

        List<ChangeEvent> events = collector.await(10, WAIT);
        assertThat(EventText.of(events)).containsExactly(
                "INSERT public.items new{id=1,name=a,note=NULL}",
                "INSERT public.items new{id=2,name=b'q,note=x}",
                "UPDATE public.items new{id=1,name=a,note=n1}",
                "UPDATE public.items key{id=2,name=NULL,note=NULL} new{id=3,name=b'q,note=x}",
                "DELETE public.items key{id=1,name=NULL,note=NULL}",
                "INSERT public.audit new{a=7,b=seven}",
                "UPDATE public.audit old{a=7,b=seven} new{a=7,b=SEVEN}",
                "DELETE public.audit old{a=7,b=SEVEN}",
                "MESSAGE pgflo-test:héllo",
                "TRUNCATE [public.items, public.audit]");
        collector.assertNoMore(Duration.ofMillis(500));

        RowChange insert = (RowChange) events.get(0);
        assertThat(insert.columns()).extracting(ColumnInfo::name, ColumnInfo::typeName, ColumnInfo::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "int4", true),
                        org.assertj.core.groups.Tuple.tuple("name", "text", false),
                        org.assertj.core.groups.Tuple.tuple("note", "text", false));
        assertThat(insert.keyColumns()).containsExactly("id");
        assertThat(((RowChange) events.get(6)).replicaIdentity()).isEqualTo(ReplicaIdentity.FULL);
        // Both inserts were one statement, so one transaction: same xid and commit LSN, rising change LSNs.
        assertThat(events.get(1).transaction()).isEqualTo(events.get(0).transaction());
        assertThat(events.get(1).lsn()).isGreaterThan(events.get(0).lsn());
        assertThat(events.get(2).transaction().commitLsn()).isGreaterThan(events.get(0).transaction().commitLsn());
        assertThat(events.get(0).transaction().commitTime()).isNotNull();

        Map<String, Object> first = collector.headers.get(0);
        assertThat(first).containsEntry(PgWalConstants.CHUNK_INDEX, 0).containsEntry(PgWalConstants.LAST_CHUNK, true)
                .containsEntry(PgWalConstants.EVENT_COUNT, 2)
                .containsEntry(PgWalConstants.XID, events.get(0).transaction().xid().value())
                .containsEntry(PgWalConstants.COMMIT_LSN, events.get(0).transaction().commitLsn().toString())
                .containsKey(PgWalConstants.END_LSN);
    }

    @Test
    void unchangedToastIsToldApartFromNull() throws Exception {
        db.execute("CREATE TABLE docs(id int PRIMARY KEY, body text, flag int)",
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL");
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=docs"), collector);
        db.execute("INSERT INTO docs SELECT 1, string_agg(md5(g::text), '') , 0 FROM generate_series(1, 400) g",
                "UPDATE docs SET flag = 1 WHERE id = 1",
                "UPDATE docs SET body = NULL WHERE id = 1");
        List<ChangeEvent> events = collector.await(3, WAIT);
        assertThat(((RowChange) events.get(0)).newValue("body").toString()).hasSizeGreaterThan(12_000);
        assertThat(EventText.of(events.subList(1, 3))).containsExactly(
                "UPDATE public.docs new{id=1,body=TOAST,flag=1}",
                "UPDATE public.docs new{id=1,body=NULL,flag=1}");
    }

    @Test
    void valuesUseFixedFormatsWhateverTheConnectionAskedFor() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY, at timestamptz, d date, i interval, b bytea)");
        EventCollector collector = new EventCollector();
        // A session that starts in Tokyo with German dates: the consumer pins UTC and ISO before streaming.
        startRoute(uri("tables=t&jdbc.options=RAW(-c TimeZone=Asia/Tokyo -c DateStyle=German -c IntervalStyle=sql_standard)"),
                collector);
        db.execute("INSERT INTO t VALUES (1, '2026-11-22 10:00:00+00', '2026-11-22', '1 day 2 hours', '\\x0102')");
        assertThat(EventText.of(collector.await(1, WAIT))).containsExactly(
                "INSERT public.t new{id=1,at=2026-11-22 10:00:00+00,d=2026-11-22,i=1 day 02:00:00,b=\\x0102}");
    }

    @Test
    void rolledBackTransactionProducesNothing() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY)");
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=t"), collector);
        try (var c = db.connect()) {
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            c.createStatement().execute("SELECT pg_logical_emit_message(true, 'p', 'rolled back')");
            c.rollback();
        }
        db.execute("INSERT INTO t VALUES (2)");
        assertThat(EventText.of(collector.await(1, WAIT))).containsExactly("INSERT public.t new{id=2}");
        collector.assertNoMore(Duration.ofMillis(500));
    }

    @Test
    void failedExchangeIsReplayedFromTheLastConfirmedLsn() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY)");
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=t&reconnectDelay=200&statusInterval=500"), exchange -> {
            List<?> events = exchange.getIn().getBody(List.class);
            String text = EventText.of((ChangeEvent) events.get(0));
            if (text.contains("id=2") && failedOnce.compareAndSet(false, true)) {
                delivered.add("failed " + text);
                throw new IllegalStateException("downstream refused id=2 once");
            }
            delivered.add(text);
            collector.process(exchange);
        });
        db.execute("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
        assertThat(EventText.of(collector.await(3, WAIT))).containsExactly(
                "INSERT public.t new{id=1}", "INSERT public.t new{id=2}", "INSERT public.t new{id=3}");
        collector.assertNoMore(Duration.ofSeconds(1));
        assertThat(delivered).containsExactly("INSERT public.t new{id=1}", "failed INSERT public.t new{id=2}",
                "INSERT public.t new{id=2}", "INSERT public.t new{id=3}");

        // The slot's confirmed position reaches the last commit, so a restart resumes after it.
        Lsn lastCommit = Lsn.parse(db.queryString("SELECT pg_current_wal_lsn()::text"));
        awaitConfirmedAtLeast(lastCommit, Duration.ofSeconds(20));
    }

    @Test
    void lostConnectionIsReopenedWithoutLossOrRepeat() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY)");
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=t&reconnectDelay=100"), collector);
        db.execute("INSERT INTO t VALUES (1)");
        collector.await(1, WAIT);
        assertThat(db.queryLong("SELECT count(pg_terminate_backend(active_pid)) FROM pg_replication_slots"
                + " WHERE slot_name = '" + slot + "' AND active_pid IS NOT NULL")).isEqualTo(1);
        db.execute("INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
        assertThat(EventText.of(collector.await(2, WAIT)))
                .containsExactly("INSERT public.t new{id=2}", "INSERT public.t new{id=3}");
        collector.assertNoMore(Duration.ofMillis(500));
    }

    @Test
    void restartedConsumerResumesAfterTheConfirmedTransaction() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY)");
        EventCollector first = new EventCollector();
        startRoute(uri("tables=t&statusInterval=200"), first);
        db.execute("INSERT INTO t VALUES (1)");
        first.await(1, WAIT);
        Lsn afterFirst = Lsn.parse(db.queryString("SELECT pg_current_wal_lsn()::text"));
        awaitConfirmedAtLeast(afterFirst, Duration.ofSeconds(20));
        context.stop();

        db.execute("INSERT INTO t VALUES (2)");
        EventCollector second = new EventCollector();
        startRoute(uri("tables=t"), second);
        assertThat(EventText.of(second.await(1, WAIT))).containsExactly("INSERT public.t new{id=2}");
        second.assertNoMore(Duration.ofMillis(500));
    }

    @Test
    void largeTransactionArrivesInBoundedChunksInOrder() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY, v text)");
        List<int[]> chunks = new CopyOnWriteArrayList<>();
        EventCollector collector = new EventCollector();
        startRoute(uri("tables=t&chunkSize=100"), exchange -> {
            chunks.add(new int[] {exchange.getIn().getHeader(PgWalConstants.CHUNK_INDEX, Integer.class),
                    exchange.getIn().getHeader(PgWalConstants.EVENT_COUNT, Integer.class),
                    exchange.getIn().getHeader(PgWalConstants.LAST_CHUNK, Boolean.class) ? 1 : 0});
            collector.process(exchange);
        });
        db.execute("INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 1000) g");
        List<ChangeEvent> events = collector.await(1000, WAIT);
        List<Integer> ids = new ArrayList<>();
        events.forEach(e -> ids.add(Integer.parseInt(((RowChange) e).newValue("id").toString().replaceAll("\\D", ""))));
        assertThat(ids).isSorted().hasSize(1000);
        assertThat(chunks).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(chunks.get(i)).containsExactly(i, 100, i == 9 ? 1 : 0);
        }
    }

    @Test
    void exchangePerChangeSendsOneEventPerExchange() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY)");
        List<Object> bodies = new CopyOnWriteArrayList<>();
        startRoute(uri("tables=t&exchangePerChange=true"), exchange -> bodies.add(exchange.getIn().getBody()));
        db.execute("INSERT INTO t VALUES (1), (2)");
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (bodies.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(bodies).hasSize(2).allMatch(b -> b instanceof RowChange);
    }

    /**
     * The slot's confirmed position must never pass the commit record of a transaction the route has not
     * completed: on restart PostgreSQL skips every transaction whose commit starts before that position,
     * so a crash at that moment would lose it. The consumer turns pgjdbc's automatic flush off for this
     * and advances idle slots itself only when nothing is in flight. It may confirm past the changes of a
     * transaction whose commit the server has not decoded yet (a keepalive reports that position), so the
     * bound is the commit's start, read from a second slot that decodes the same transactions.
     */
    @Test
    void confirmedPositionNeverPassesUndeliveredTransactions() throws Exception {
        db.execute("CREATE TABLE t(id int PRIMARY KEY)",
                "CREATE PUBLICATION " + slot + " FOR TABLE t",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')",
                "SELECT pg_create_logical_replication_slot('" + slot + "_shadow', 'pgoutput')");
        for (int i = 0; i < 40; i++) {
            db.execute("INSERT INTO t SELECT g FROM generate_series(" + (i * 100 + 1) + ", " + (i + 1) * 100 + ") g");
        }
        Lsn end = Lsn.parse(db.queryString("SELECT pg_current_wal_lsn()::text"));
        List<Lsn[]> commits = commitsDecodedBy(slot + "_shadow", slot);
        assertThat(commits).hasSize(40);
        Lsn created = Lsn.parse(db.queryString(
                "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
        java.util.concurrent.atomic.AtomicReference<Lsn> delivered = new java.util.concurrent.atomic.AtomicReference<>(created);
        java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
        startRoute(uri("statusInterval=100&createSlot=false&createPublication=false"), exchange -> {
            Thread.sleep(50);
            events.addAndGet(exchange.getIn().getBody(List.class).size());
            String endLsn = exchange.getIn().getHeader(PgWalConstants.END_LSN, String.class);
            if (endLsn != null) {
                delivered.accumulateAndGet(Lsn.parse(endLsn), Lsn::max);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (events.get() < 4000 && System.nanoTime() < deadline) {
            Lsn confirmed = Lsn.parse(db.queryString(
                    "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'"));
            Lsn firstUndeliveredCommit = firstCommitEndingAfter(commits, delivered.get());
            if (firstUndeliveredCommit != null) {
                assertThat(confirmed).as("confirmed position while %d of 4000 events were delivered", events.get())
                        .isLessThanOrEqualTo(firstUndeliveredCommit);
            }
            Thread.sleep(20);
        }
        assertThat(events.get()).isEqualTo(4000);
        awaitConfirmedAtLeast(end, Duration.ofSeconds(20));
    }

    /** Start and end of each commit record the slot would stream, from pgoutput's Commit messages. */
    private List<Lsn[]> commitsDecodedBy(String shadowSlot, String publication) {
        String pairs = db.queryString("SELECT string_agg(encode(substring(data FROM 3 FOR 16), 'hex'), ',' ORDER BY n)"
                + " FROM pg_logical_slot_peek_binary_changes('" + shadowSlot + "', NULL, NULL, 'proto_version', '1',"
                + " 'publication_names', '" + publication + "') WITH ORDINALITY AS c(lsn, xid, data, n)"
                + " WHERE get_byte(data, 0) = ascii('C')");
        db.execute("SELECT pg_drop_replication_slot('" + shadowSlot + "')");
        List<Lsn[]> commits = new ArrayList<>();
        for (String pair : pairs.split(",")) {
            commits.add(new Lsn[] {Lsn.of(Long.parseUnsignedLong(pair.substring(0, 16), 16)),
                    Lsn.of(Long.parseUnsignedLong(pair.substring(16), 16))});
        }
        return commits;
    }

    private static Lsn firstCommitEndingAfter(List<Lsn[]> commits, Lsn delivered) {
        return commits.stream().filter(c -> c[1].isAfter(delivered)).map(c -> c[0]).findFirst().orElse(null);
    }

    private void awaitConfirmedAtLeast(Lsn target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lsn confirmed = Lsn.ZERO;
        while (System.nanoTime() < deadline) {
            String value = db.queryString("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
            confirmed = value == null ? Lsn.ZERO : Lsn.parse(value);
            if (confirmed.compareTo(target) >= 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("slot confirmed " + confirmed + ", expected at least " + target);
    }
}
