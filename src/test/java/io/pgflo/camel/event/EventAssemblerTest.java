package io.pgflo.camel.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.PgOutputDecoder;
import io.pgflo.camel.pgoutput.PgOutputMessage;
import io.pgflo.camel.pgoutput.PgOutputMessage.Begin;
import io.pgflo.camel.pgoutput.PgOutputMessage.Column;
import io.pgflo.camel.pgoutput.PgOutputMessage.Commit;
import io.pgflo.camel.pgoutput.PgOutputMessage.Delete;
import io.pgflo.camel.pgoutput.PgOutputMessage.Insert;
import io.pgflo.camel.pgoutput.PgOutputMessage.LogicalMessage;
import io.pgflo.camel.pgoutput.PgOutputMessage.OldTuple;
import io.pgflo.camel.pgoutput.PgOutputMessage.OldTupleKind;
import io.pgflo.camel.pgoutput.PgOutputMessage.Origin;
import io.pgflo.camel.pgoutput.PgOutputMessage.Relation;
import io.pgflo.camel.pgoutput.PgOutputMessage.Truncate;
import io.pgflo.camel.pgoutput.PgOutputMessage.Type;
import io.pgflo.camel.pgoutput.PgOutputMessage.Update;
import io.pgflo.camel.pgoutput.RelationId;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleData;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.WireBytes;
import io.pgflo.camel.pgoutput.Xid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventAssemblerTest {

    private static final Instant TS = Instant.parse("2024-05-06T07:08:09.123456Z");
    private static final Lsn FINAL_LSN = Lsn.parse("0/1541DF0");
    private static final Lsn WAL = Lsn.parse("0/1541D00");
    private static final RelationId ORDERS = new RelationId(16384);
    private static final RelationId AUDIT = new RelationId(16391);
    private static final TransactionInfo TX = new TransactionInfo(new Xid(728), FINAL_LSN, TS, null);

    private static final List<ColumnInfo> ORDERS_COLUMNS = List.of(
            new ColumnInfo("id", 23, "int4", -1, true),
            new ColumnInfo("customer", 25, "text", -1, false),
            new ColumnInfo("amount", 1700, "numeric", 655366, false));

    private final EventAssembler assembler = new EventAssembler();

    private static Relation ordersRelation() {
        return new Relation(ORDERS, "public", "orders", ReplicaIdentity.DEFAULT, List.of(
                new Column(true, "id", 23, -1),
                new Column(false, "customer", 25, -1),
                new Column(false, "amount", 1700, 655366)));
    }

    private static Relation auditRelationFull() {
        return new Relation(AUDIT, "audit", "log", ReplicaIdentity.FULL, List.of(
                new Column(true, "id", 20, -1),
                new Column(true, "payload", 3802, -1)));
    }

    private static Begin begin() {
        return new Begin(FINAL_LSN, TS, new Xid(728));
    }

    private static Commit commit() {
        return new Commit(0, FINAL_LSN, Lsn.parse("0/1541E20"), TS);
    }

    private static TupleData tuple(TupleValue... values) {
        return new TupleData(List.of(values));
    }

    private static TupleValue t(String text) {
        return new TupleValue.Text(text);
    }

    private static final TupleValue NULL = TupleValue.Null.INSTANCE;
    private static final TupleValue TOAST = TupleValue.UnchangedToast.INSTANCE;

    private ChangeEvent feed(PgOutputMessage message) {
        return assembler.accept(message, WAL);
    }

    private void openOrders() {
        assertThat(feed(begin())).isNull();
        assertThat(feed(ordersRelation())).isNull();
    }

    @Test
    void insertBecomesRowChangeWithColumnsTypesKeysAndTransaction() {
        openOrders();

        ChangeEvent event = assembler.accept(new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("Zoë"), NULL)),
                Lsn.parse("0/1541D80"));

        assertThat(event).isEqualTo(new RowChange(Operation.INSERT, new TableName("public", "orders"), ORDERS_COLUMNS,
                ReplicaIdentity.DEFAULT, List.of(t("1"), t("Zoë"), NULL), null, false, Lsn.parse("0/1541D80"), TX));
        RowChange row = (RowChange) event;
        assertThat(row.operation()).isEqualTo(Operation.INSERT);
        assertThat(row.keyColumns()).containsExactly("id");
        assertThat(row.newValue("customer")).isEqualTo(t("Zoë"));
        assertThat(row.newValue("amount")).isSameAs(NULL);
        assertThat(row.newValue("missing")).isNull();
        assertThat(row.oldValue("id")).isNull();
        assertThat(row.columnIndex("amount")).isEqualTo(2);
        assertThat(row.columnIndex("nope")).isEqualTo(-1);
    }

    @Test
    void stateMessagesReturnNullAndTrackTheOpenTransaction() {
        assertThat(assembler.currentTransaction()).isNull();

        assertThat(feed(begin())).isNull();
        assertThat(assembler.currentTransaction()).isEqualTo(TX);
        assertThat(feed(ordersRelation())).isNull();
        assertThat(feed(new Type(90001, "app", "mood"))).isNull();
        assertThat(feed(commit())).isNull();
        assertThat(assembler.currentTransaction()).isNull();
    }

    @Test
    void updateWithoutOldImageHasNoOldValues() {
        openOrders();

        RowChange row = (RowChange) feed(new Update(Optional.empty(), ORDERS, Optional.empty(),
                tuple(t("1"), t("bob"), TOAST)));

        assertThat(row.operation()).isEqualTo(Operation.UPDATE);
        assertThat(row.newValues()).containsExactly(t("1"), t("bob"), TOAST);
        assertThat(row.oldValues()).isNull();
        assertThat(row.oldIsKeyOnly()).isFalse();
        assertThat(row.newValue("amount")).isSameAs(TOAST);
    }

    @Test
    void updateOfKeyCarriesOldKeyOnly() {
        openOrders();

        RowChange row = (RowChange) feed(new Update(Optional.empty(), ORDERS,
                Optional.of(new OldTuple(OldTupleKind.KEY, tuple(t("1"), NULL, NULL))),
                tuple(t("2"), t("bob"), t("9.99"))));

        assertThat(row.oldValues()).containsExactly(t("1"), NULL, NULL);
        assertThat(row.oldIsKeyOnly()).isTrue();
        assertThat(row.oldValue("id")).isEqualTo(t("1"));
        assertThat(row.newValue("id")).isEqualTo(t("2"));
    }

    @Test
    void updateUnderReplicaIdentityFullCarriesWholeOldRow() {
        assertThat(feed(begin())).isNull();
        assertThat(feed(auditRelationFull())).isNull();

        RowChange row = (RowChange) feed(new Update(Optional.empty(), AUDIT,
                Optional.of(new OldTuple(OldTupleKind.OLD_ROW, tuple(t("7"), t("{\"a\": 1}")))),
                tuple(t("7"), t("{\"a\": 2}"))));

        assertThat(row.table()).isEqualTo(new TableName("audit", "log"));
        assertThat(row.replicaIdentity()).isEqualTo(ReplicaIdentity.FULL);
        assertThat(row.columns()).containsExactly(
                new ColumnInfo("id", 20, "int8", -1, true),
                new ColumnInfo("payload", 3802, "jsonb", -1, true));
        assertThat(row.keyColumns()).containsExactly("id", "payload");
        assertThat(row.oldValues()).containsExactly(t("7"), t("{\"a\": 1}"));
        assertThat(row.newValues()).containsExactly(t("7"), t("{\"a\": 2}"));
        assertThat(row.oldIsKeyOnly()).isFalse();
    }

    @Test
    void deleteByKeyHasOldKeyAndNoNewValues() {
        openOrders();

        RowChange row = (RowChange) feed(new Delete(Optional.empty(), ORDERS,
                new OldTuple(OldTupleKind.KEY, tuple(t("2"), NULL, NULL))));

        assertThat(row).isEqualTo(new RowChange(Operation.DELETE, new TableName("public", "orders"), ORDERS_COLUMNS,
                ReplicaIdentity.DEFAULT, null, List.of(t("2"), NULL, NULL), true, WAL, TX));
    }

    @Test
    void deleteUnderReplicaIdentityFullHasWholeOldRow() {
        assertThat(feed(begin())).isNull();
        assertThat(feed(auditRelationFull())).isNull();

        RowChange row = (RowChange) feed(new Delete(Optional.empty(), AUDIT,
                new OldTuple(OldTupleKind.OLD_ROW, tuple(t("7"), t("{}")))));

        assertThat(row.operation()).isEqualTo(Operation.DELETE);
        assertThat(row.newValues()).isNull();
        assertThat(row.oldValues()).containsExactly(t("7"), t("{}"));
        assertThat(row.oldIsKeyOnly()).isFalse();
        assertThat(row.newValue("id")).isNull();
        assertThat(row.oldValue("payload")).isEqualTo(t("{}"));
    }

    @Test
    void truncateNamesEveryTableInOrderWithFlags() {
        openOrders();
        assertThat(feed(auditRelationFull())).isNull();

        ChangeEvent event = feed(new Truncate(Optional.empty(), true, false, List.of(AUDIT, ORDERS)));

        assertThat(event).isEqualTo(new TruncateEvent(
                List.of(new TableName("audit", "log"), new TableName("public", "orders")), true, false, WAL, TX));
        assertThat(event.operation()).isEqualTo(Operation.TRUNCATE);
    }

    @Test
    void transactionalMessageUsesMessageLsnAndBelongsToTransaction() {
        assertThat(feed(begin())).isNull();

        ChangeEvent event = feed(new LogicalMessage(Optional.empty(), true, Lsn.parse("0/1543818"), "p",
                "hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(event).isEqualTo(new LogicalMessageEvent("p", "hello".getBytes(StandardCharsets.UTF_8), true,
                Lsn.parse("0/1543818"), TX));
        LogicalMessageEvent message = (LogicalMessageEvent) event;
        assertThat(message.lsn()).isNotEqualTo(WAL);
        assertThat(message.contentText()).isEqualTo("hello");
        assertThat(message.operation()).isEqualTo(Operation.MESSAGE);
    }

    @Test
    void nonTransactionalMessageOutsideTransactionHasNoTransaction() {
        LogicalMessageEvent event = (LogicalMessageEvent) feed(new LogicalMessage(Optional.empty(), false,
                Lsn.parse("0/1545398"), "nt", "ünïcode".getBytes(StandardCharsets.UTF_8)));

        assertThat(event.transactional()).isFalse();
        assertThat(event.transaction()).isNull();
        assertThat(event.prefix()).isEqualTo("nt");
        assertThat(event.contentText()).isEqualTo("ünïcode");
        assertThat(event.lsn()).isEqualTo(Lsn.parse("0/1545398"));
    }

    @Test
    void nonTransactionalMessageInsideTransactionStillHasNoTransaction() {
        assertThat(feed(begin())).isNull();

        ChangeEvent event = feed(new LogicalMessage(Optional.empty(), false, Lsn.parse("0/5"), "nt", new byte[0]));

        assertThat(event.transaction()).isNull();
        assertThat(assembler.currentTransaction()).isEqualTo(TX);
    }

    @Test
    void transactionalMessageOutsideTransactionIsRejected() {
        assertThatThrownBy(() -> feed(new LogicalMessage(Optional.empty(), true, Lsn.parse("0/5"), "p", new byte[0])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transactional Message arrived outside a transaction (no Begin before it)");
    }

    @Test
    void originNamesTheTransactionOfLaterEvents() {
        openOrders();
        assertThat(feed(new Origin(Lsn.parse("5/10"), "node_east"))).isNull();

        RowChange row = (RowChange) feed(new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("x"), NULL)));

        TransactionInfo withOrigin = new TransactionInfo(new Xid(728), FINAL_LSN, TS, "node_east");
        assertThat(assembler.currentTransaction()).isEqualTo(withOrigin);
        assertThat(row.transaction()).isEqualTo(withOrigin);
        assertThat(row.transaction().origin()).isEqualTo("node_east");
    }

    @Test
    void originDoesNotLeakIntoNextTransaction() {
        openOrders();
        feed(new Origin(Lsn.parse("5/10"), "node_east"));
        feed(commit());

        feed(new Begin(Lsn.parse("0/2000"), TS, new Xid(729)));
        RowChange row = (RowChange) feed(new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("x"), NULL)));

        assertThat(row.transaction()).isEqualTo(new TransactionInfo(new Xid(729), Lsn.parse("0/2000"), TS, null));
    }

    @Test
    void originOutsideTransactionIsRejected() {
        assertThatThrownBy(() -> feed(new Origin(Lsn.parse("5/10"), "node_east")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Origin arrived outside a transaction (no Begin before it)");
    }

    @Test
    void changeBeforeRelationIsRejectedNamingTheOid() {
        feed(begin());

        assertThatThrownBy(() -> feed(new Insert(Optional.empty(), ORDERS, tuple(t("1")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("change for relation oid 16384 arrived before its Relation message");
        assertThatThrownBy(() -> feed(new Update(Optional.empty(), new RelationId(4_000_000_000L), Optional.empty(),
                tuple(t("1")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("change for relation oid 4000000000 arrived before its Relation message");
        assertThatThrownBy(() -> feed(new Delete(Optional.empty(), ORDERS, new OldTuple(OldTupleKind.KEY, tuple(t("1"))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before its Relation message");
    }

    @Test
    void truncateOfUnknownRelationIsRejected() {
        openOrders();

        assertThatThrownBy(() -> feed(new Truncate(Optional.empty(), false, false, List.of(ORDERS, AUDIT))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("change for relation oid 16391 arrived before its Relation message");
    }

    @Test
    void rowChangeOutsideTransactionIsRejected() {
        feed(ordersRelation());

        assertThatThrownBy(() -> feed(new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("x"), NULL))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Insert arrived outside a transaction (no Begin before it)");
        assertThatThrownBy(() -> feed(new Truncate(Optional.empty(), false, false, List.of(ORDERS))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Truncate arrived outside a transaction (no Begin before it)");
    }

    @Test
    void beginInsideOpenTransactionIsRejected() {
        feed(begin());

        assertThatThrownBy(() -> feed(new Begin(Lsn.parse("0/9"), TS, new Xid(729))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Begin of xid 729 inside open transaction 728");
    }

    @Test
    void commitOutsideTransactionIsRejected() {
        assertThatThrownBy(() -> feed(commit()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Commit arrived outside a transaction (no Begin before it)");
    }

    @Test
    void tupleWidthDifferentFromRelationIsRejected() {
        openOrders();

        assertThatThrownBy(() -> feed(new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("x")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tuple for public.orders has 2 columns but its Relation message declared 3");
    }

    @Test
    void binaryValueIsRejected() {
        openOrders();

        assertThatThrownBy(() -> feed(new Insert(Optional.empty(), ORDERS,
                tuple(new TupleValue.Binary(new byte[] {0, 0, 0, 1}), t("x"), NULL))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("binary value in public.orders; the slot must be read in text mode");
    }

    @Test
    void streamingMessagesAreRejected() {
        List<PgOutputMessage> streaming = List.of(
                new PgOutputMessage.StreamStart(new Xid(1), true),
                new PgOutputMessage.StreamStop(),
                new PgOutputMessage.StreamCommit(new Xid(1), 0, Lsn.parse("0/1"), Lsn.parse("0/2"), TS),
                new PgOutputMessage.StreamAbort(new Xid(1), new Xid(2)));

        for (PgOutputMessage message : streaming) {
            assertThatThrownBy(() -> feed(message))
                    .as(message.toString())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("streamed in-progress transaction")
                    .hasMessageContaining("proto_version 1");
        }
    }

    @Test
    void relationMessageForKnownOidReplacesShape() {
        openOrders();
        feed(new Relation(ORDERS, "public", "orders", ReplicaIdentity.FULL, List.of(
                new Column(true, "id", 23, -1),
                new Column(true, "customer", 25, -1))));

        RowChange row = (RowChange) feed(new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("x"))));

        assertThat(row.replicaIdentity()).isEqualTo(ReplicaIdentity.FULL);
        assertThat(row.columns()).extracting(ColumnInfo::name).containsExactly("id", "customer");
        assertThat(row.keyColumns()).containsExactly("id", "customer");
    }

    @Test
    void relationsAreRememberedAcrossTransactions() {
        openOrders();
        feed(commit());
        feed(new Begin(Lsn.parse("0/3000"), TS, new Xid(729)));

        RowChange row = (RowChange) feed(new Insert(Optional.empty(), ORDERS, tuple(t("5"), t("y"), NULL)));

        assertThat(row.table()).isEqualTo(new TableName("public", "orders"));
        assertThat(row.transaction().xid()).isEqualTo(new Xid(729));
    }

    @Test
    void customTypeNamesComeFromTypeMessagesAndAreSchemaQualifiedOutsidePublicAndCatalog() {
        feed(new Type(90001, "app", "mood"));
        feed(new Type(90002, "public", "color"));
        feed(new Type(90003, "pg_catalog", "special"));
        feed(begin());
        feed(new Relation(new RelationId(5), "s", "t", ReplicaIdentity.NOTHING, List.of(
                new Column(false, "a", 90001, -1),
                new Column(false, "b", 90002, -1),
                new Column(false, "c", 90003, -1),
                new Column(false, "d", 99999, -1),
                new Column(false, "e", 1184, -1),
                new Column(false, "f", 1007, -1))));

        RowChange row = (RowChange) feed(new Insert(Optional.empty(), new RelationId(5),
                tuple(t("happy"), t("red"), t("x"), NULL, t("2024-01-01 00:00:00+00"), t("{1,2}"))));

        assertThat(row.columns()).extracting(ColumnInfo::typeName)
                .containsExactly("app.mood", "color", "special", null, "timestamptz", "_int4");
        assertThat(row.keyColumns()).isEmpty();
        assertThat(row.replicaIdentity()).isEqualTo(ReplicaIdentity.NOTHING);
    }

    @Test
    void eventsForAWholeTransactionInOrder() {
        List<ChangeEvent> events = new ArrayList<>();
        List<PgOutputMessage> messages = List.of(begin(), ordersRelation(),
                new Insert(Optional.empty(), ORDERS, tuple(t("1"), t("a"), NULL)),
                new Update(Optional.empty(), ORDERS, Optional.empty(), tuple(t("1"), t("b"), NULL)),
                new Delete(Optional.empty(), ORDERS, new OldTuple(OldTupleKind.KEY, tuple(t("1"), NULL, NULL))),
                commit());
        for (PgOutputMessage message : messages) {
            ChangeEvent event = feed(message);
            if (event != null) {
                events.add(event);
            }
        }

        assertThat(events).extracting(ChangeEvent::operation)
                .containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE);
        assertThat(events).extracting(ChangeEvent::transaction).containsOnly(TX);
        assertThat(assembler.currentTransaction()).isNull();
    }

    /** Messages captured from PostgreSQL 15 (see RealServerCaptureTest), fed through decoder and assembler. */
    @Test
    void realServerCaptureAssemblesIntoRowChanges() {
        String[] first = {
            "420000000001541df0000303d488f36cc9000002d8",
            "52000040007075626c6963006f7264657273006400040169640000000017ffffffff00637573746f6d65720000000019ffffffff"
                    + "00616d6f756e7400000006a4000a0006006e6f74650000000019ffffffff",
            "49000040004e000474000000013174000000095a6fc3ab20f09f9880740000000531322e35306e",
            "43000000000001541df00000000001541e20000303d488f36cc9",
        };
        String[] second = {
            "420000000001541f50000303d488f380a4000002da",
            "55000040004b00047400000001316e6e6e4e000474000000013274000000095a6fc3ab20f09f9880"
                    + "740000000539392e39397400000000",
            "43000000000001541f500000000001541f80000303d488f380a4",
        };
        List<ChangeEvent> events = new ArrayList<>();
        for (String hex : concat(first, second)) {
            ChangeEvent event = feed(PgOutputDecoder.decode(WireBytes.hex(hex)));
            if (event != null) {
                events.add(event);
            }
        }

        assertThat(events).hasSize(2);
        RowChange insert = (RowChange) events.get(0);
        RowChange update = (RowChange) events.get(1);
        List<ColumnInfo> columns = List.of(
                new ColumnInfo("id", 23, "int4", -1, true),
                new ColumnInfo("customer", 25, "text", -1, false),
                new ColumnInfo("amount", 1700, "numeric", 655366, false),
                new ColumnInfo("note", 25, "text", -1, false));
        assertThat(insert).isEqualTo(new RowChange(Operation.INSERT, new TableName("public", "orders"), columns,
                ReplicaIdentity.DEFAULT, List.of(t("1"), t("Zoë 😀"), t("12.50"), NULL), null, false, WAL,
                new TransactionInfo(new Xid(728), Lsn.parse("0/1541DF0"),
                        Instant.parse("2026-11-22T04:18:15.736521Z"), null)));
        assertThat(update.operation()).isEqualTo(Operation.UPDATE);
        assertThat(update.oldIsKeyOnly()).isTrue();
        assertThat(update.oldValues()).containsExactly(t("1"), NULL, NULL, NULL);
        assertThat(update.newValues()).containsExactly(t("2"), t("Zoë 😀"), t("99.99"), t(""));
        assertThat(update.transaction().xid()).isEqualTo(new Xid(730));
        assertThat(update.transaction().commitLsn()).isEqualTo(Lsn.parse("0/1541F50"));
    }

    private static List<String> concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(Arrays.asList(a));
        all.addAll(Arrays.asList(b));
        return all;
    }
}
