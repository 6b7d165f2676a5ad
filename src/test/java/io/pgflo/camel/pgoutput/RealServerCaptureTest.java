package io.pgflo.camel.pgoutput;

import static io.pgflo.camel.pgoutput.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgflo.camel.pgoutput.PgOutputMessage.Begin;
import io.pgflo.camel.pgoutput.PgOutputMessage.Column;
import io.pgflo.camel.pgoutput.PgOutputMessage.Commit;
import io.pgflo.camel.pgoutput.PgOutputMessage.Delete;
import io.pgflo.camel.pgoutput.PgOutputMessage.Insert;
import io.pgflo.camel.pgoutput.PgOutputMessage.LogicalMessage;
import io.pgflo.camel.pgoutput.PgOutputMessage.OldTupleKind;
import io.pgflo.camel.pgoutput.PgOutputMessage.Relation;
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamCommit;
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamStart;
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamStop;
import io.pgflo.camel.pgoutput.PgOutputMessage.Truncate;
import io.pgflo.camel.pgoutput.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Messages captured from PostgreSQL 15.x with {@code pg_logical_slot_peek_binary_changes(slot, NULL, NULL,
 * 'proto_version', '1', 'publication_names', 'cap_pub', 'messages', 'true')} after:
 *
 * <pre>
 * CREATE TABLE public.orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2), note text); -- oid 16384
 * CREATE TABLE public.audit (id bigint, payload jsonb);                                                      -- oid 16391
 * ALTER TABLE public.audit REPLICA IDENTITY FULL;
 * CREATE PUBLICATION cap_pub FOR TABLE public.orders, public.audit;
 * INSERT INTO public.orders VALUES (1, 'Zoë 😀', 12.50, NULL);                      -- xid 728
 * UPDATE public.orders SET amount = 99.99, note = '' WHERE id = 1;                   -- xid 729
 * UPDATE public.orders SET id = 2 WHERE id = 1;                                      -- xid 730
 * DELETE FROM public.orders WHERE id = 2;                                            -- xid 731
 * INSERT INTO public.audit VALUES (7, '{"a": 1}');                                   -- xid 732
 * UPDATE public.audit SET payload = '{"a": 2}' WHERE id = 7;                         -- xid 733
 * DELETE FROM public.audit WHERE id = 7;                                             -- xid 734
 * TRUNCATE public.orders, public.audit RESTART IDENTITY CASCADE;                     -- xid 735
 * SELECT pg_logical_emit_message(true, 'p', 'hello');                                -- xid 736
 * ALTER TABLE public.orders ALTER COLUMN note SET STORAGE EXTERNAL;
 * INSERT INTO public.orders VALUES (3, 'big', 1.00, repeat('x', 5000));              -- xid 738
 * UPDATE public.orders SET amount = 2.00 WHERE id = 3;                               -- xid 739
 * SELECT pg_logical_emit_message(false, 'nt', 'ünïcode');
 * INSERT INTO public.orders VALUES (4, 'after', NULL, NULL);                         -- xid 740
 * </pre>
 *
 * The streamed fixtures come from a second slot read with {@code 'proto_version', '2', 'streaming', 'on'} and
 * {@code logical_decoding_work_mem = 64kB} after one transaction (xid 741) inserted 3000 rows into
 * {@code audit} and emitted {@code pg_logical_emit_message(true, 'sp', 'in-stream')}.
 */
class RealServerCaptureTest {

    private static final long ORDERS = 16384;
    private static final long AUDIT = 16391;

    private static final String BEGIN_728 = "420000000001541df0000303d488f36cc9000002d8";
    private static final String RELATION_ORDERS = "52000040007075626c6963006f7264657273006400040169640000000017ffffffff"
            + "00637573746f6d65720000000019ffffffff00616d6f756e7400000006a4000a0006006e6f74650000000019ffffffff";
    private static final String INSERT_ORDERS = "49000040004e000474000000013174000000095a6fc3ab20f09f9880"
            + "740000000531322e35306e";
    private static final String COMMIT_728 = "43000000000001541df00000000001541e20000303d488f36cc9";
    private static final String UPDATE_NO_OLD = "55000040004e000474000000013174000000095a6fc3ab20f09f9880"
            + "740000000539392e39397400000000";
    private static final String UPDATE_KEY_CHANGED = "55000040004b00047400000001316e6e6e4e000474000000013274000000095a"
            + "6fc3ab20f09f9880740000000539392e39397400000000";
    private static final String DELETE_KEY = "44000040004b00047400000001326e6e6e";
    private static final String RELATION_AUDIT_FULL = "52000040077075626c6963006175646974006600020169640000000014ffffffff"
            + "017061796c6f61640000000edaffffffff";
    private static final String UPDATE_OLD_ROW = "55000040074f000274000000013774000000087b2261223a20317d4e0002740000"
            + "00013774000000087b2261223a20327d";
    private static final String DELETE_OLD_ROW = "44000040074f000274000000013774000000087b2261223a20327d";
    private static final String TRUNCATE_BOTH = "5400000002030000400000004007";
    private static final String BEGIN_736 = "420000000001543818000303d488f3a6df000002e0";
    private static final String MESSAGE_TRANSACTIONAL = "4d01000000000154381870000000000568656c6c6f";
    private static final String COMMIT_736 = "430000000000015438180000000001543848000303d488f3a6df";
    private static final String UPDATE_UNCHANGED_TOAST = "55000040004e000474000000013374000000036269677400000004322e303075";
    private static final String MESSAGE_NON_TRANSACTIONAL = "4d0000000000015453986e740000000009c3bc6ec3af636f6465";
    private static final String INSERT_BINARY_MODE = "49000040004e0004620000000400000004620000000561667465726e6e";

    private static final String STREAM_START_FIRST = "53000002e501";
    private static final String STREAM_START_LATER = "53000002e500";
    private static final String STREAM_RELATION = "52000002e5000040077075626c6963006175646974006600020169640000000014"
            + "ffffffff017061796c6f61640000000edaffffffff";
    private static final String STREAM_INSERT = "49000002e5000040074e000274000000013174000000087b226b223a20317d";
    private static final String STREAM_MESSAGE = "4d000002e5010000000001585f4073700000000009696e2d73747265616d";
    private static final String STREAM_STOP = "45";
    private static final String STREAM_COMMIT = "63000002e5000000000001585f400000000001585f70000303d489fd640d";

    private static PgOutputMessage decode(String hexDump) {
        ByteBuffer buffer = ByteBuffer.wrap(hex(hexDump));
        PgOutputMessage message = PgOutputDecoder.decode(buffer);
        assertThat(buffer.hasRemaining()).as("whole message consumed").isFalse();
        return message;
    }

    private static PgOutputMessage decodeStreamed(String hexDump) {
        ByteBuffer buffer = ByteBuffer.wrap(hex(hexDump));
        PgOutputMessage message = PgOutputDecoder.decode(buffer, true);
        assertThat(buffer.hasRemaining()).as("whole message consumed").isFalse();
        return message;
    }

    private static TupleValue text(String value) {
        return new TupleValue.Text(value);
    }

    @Test
    void begin() {
        assertThat(decode(BEGIN_728)).isEqualTo(new Begin(Lsn.parse("0/1541DF0"),
                Instant.parse("2026-11-22T04:18:15.736521Z"), new Xid(728)));
    }

    @Test
    void commitEndLsnFollowsCommitLsn() {
        Commit commit = (Commit) decode(COMMIT_728);

        assertThat(commit).isEqualTo(new Commit(0, Lsn.parse("0/1541DF0"), Lsn.parse("0/1541E20"),
                Instant.parse("2026-11-22T04:18:15.736521Z")));
        Begin begin = (Begin) decode(BEGIN_728);
        assertThat(commit.commitLsn()).isEqualTo(begin.finalLsn());
        assertThat(commit.commitTime()).isEqualTo(begin.commitTime());
    }

    @Test
    void relationWithPrimaryKeyAndNumericTypmod() {
        Relation relation = (Relation) decode(RELATION_ORDERS);

        assertThat(relation.id()).isEqualTo(new RelationId(ORDERS));
        assertThat(relation.namespace()).isEqualTo("public");
        assertThat(relation.name()).isEqualTo("orders");
        assertThat(relation.replicaIdentity()).isEqualTo(ReplicaIdentity.DEFAULT);
        assertThat(relation.columns()).containsExactly(
                new Column(true, "id", 23, -1),
                new Column(false, "customer", 25, -1),
                new Column(false, "amount", 1700, (10 << 16 | 2) + 4),
                new Column(false, "note", 25, -1));
    }

    @Test
    void relationUnderReplicaIdentityFullMarksEveryColumnAsKey() {
        Relation relation = (Relation) decode(RELATION_AUDIT_FULL);

        assertThat(relation.id()).isEqualTo(new RelationId(AUDIT));
        assertThat(relation.name()).isEqualTo("audit");
        assertThat(relation.replicaIdentity()).isEqualTo(ReplicaIdentity.FULL);
        assertThat(relation.columns()).containsExactly(
                new Column(true, "id", 20, -1),
                new Column(true, "payload", 3802, -1));
    }

    @Test
    void insertWithUnicodeTextAndNull() {
        Insert insert = (Insert) decode(INSERT_ORDERS);

        assertThat(insert.streamXid()).isEmpty();
        assertThat(insert.relation()).isEqualTo(new RelationId(ORDERS));
        assertThat(insert.newTuple().values())
                .containsExactly(text("1"), text("Zoë 😀"), text("12.50"), TupleValue.Null.INSTANCE);
    }

    @Test
    void updateOfNonKeyColumnsHasNoOldTupleAndEmptyStringIsText() {
        Update update = (Update) decode(UPDATE_NO_OLD);

        assertThat(update.relation()).isEqualTo(new RelationId(ORDERS));
        assertThat(update.oldTuple()).isEmpty();
        assertThat(update.newTuple().values())
                .containsExactly(text("1"), text("Zoë 😀"), text("99.99"), text(""));
    }

    @Test
    void updateOfKeyCarriesOldKeyWithNullsForOtherColumns() {
        Update update = (Update) decode(UPDATE_KEY_CHANGED);

        assertThat(update.oldTuple()).isPresent();
        assertThat(update.oldTuple().get().kind()).isEqualTo(OldTupleKind.KEY);
        assertThat(update.oldTuple().get().tuple().values())
                .containsExactly(text("1"), TupleValue.Null.INSTANCE, TupleValue.Null.INSTANCE, TupleValue.Null.INSTANCE);
        assertThat(update.newTuple().values())
                .containsExactly(text("2"), text("Zoë 😀"), text("99.99"), text(""));
    }

    @Test
    void deleteCarriesKeyOnly() {
        Delete delete = (Delete) decode(DELETE_KEY);

        assertThat(delete.relation()).isEqualTo(new RelationId(ORDERS));
        assertThat(delete.oldTuple().kind()).isEqualTo(OldTupleKind.KEY);
        assertThat(delete.oldTuple().tuple().values())
                .containsExactly(text("2"), TupleValue.Null.INSTANCE, TupleValue.Null.INSTANCE, TupleValue.Null.INSTANCE);
    }

    @Test
    void updateUnderReplicaIdentityFullCarriesWholeOldRow() {
        Update update = (Update) decode(UPDATE_OLD_ROW);

        assertThat(update.relation()).isEqualTo(new RelationId(AUDIT));
        assertThat(update.oldTuple().orElseThrow().kind()).isEqualTo(OldTupleKind.OLD_ROW);
        assertThat(update.oldTuple().orElseThrow().tuple().values()).containsExactly(text("7"), text("{\"a\": 1}"));
        assertThat(update.newTuple().values()).containsExactly(text("7"), text("{\"a\": 2}"));
    }

    @Test
    void deleteUnderReplicaIdentityFullCarriesWholeOldRow() {
        Delete delete = (Delete) decode(DELETE_OLD_ROW);

        assertThat(delete.relation()).isEqualTo(new RelationId(AUDIT));
        assertThat(delete.oldTuple().kind()).isEqualTo(OldTupleKind.OLD_ROW);
        assertThat(delete.oldTuple().tuple().values()).containsExactly(text("7"), text("{\"a\": 2}"));
    }

    @Test
    void truncateOfTwoTablesWithCascadeAndRestartIdentity() {
        assertThat(decode(TRUNCATE_BOTH)).isEqualTo(new Truncate(Optional.empty(), true, true,
                List.of(new RelationId(ORDERS), new RelationId(AUDIT))));
    }

    @Test
    void transactionalMessageLsnIsItsTransactionsFinalLsn() {
        LogicalMessage message = (LogicalMessage) decode(MESSAGE_TRANSACTIONAL);
        Begin begin = (Begin) decode(BEGIN_736);
        Commit commit = (Commit) decode(COMMIT_736);

        assertThat(message.transactional()).isTrue();
        assertThat(message.prefix()).isEqualTo("p");
        assertThat(new String(message.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(message.lsn()).isEqualTo(Lsn.parse("0/1543818"));
        assertThat(begin.xid()).isEqualTo(new Xid(736));
        assertThat(begin.finalLsn()).isEqualTo(Lsn.parse("0/1543818"));
        assertThat(commit.endLsn()).isEqualTo(Lsn.parse("0/1543848"));
    }

    @Test
    void nonTransactionalMessageWithUnicodeContent() {
        LogicalMessage message = (LogicalMessage) decode(MESSAGE_NON_TRANSACTIONAL);

        assertThat(message.transactional()).isFalse();
        assertThat(message.lsn()).isEqualTo(Lsn.parse("0/1545398"));
        assertThat(message.prefix()).isEqualTo("nt");
        assertThat(new String(message.content(), StandardCharsets.UTF_8)).isEqualTo("ünïcode");
    }

    @Test
    void updateLeavingToastedColumnUnchangedSendsMarkerU() {
        Update update = (Update) decode(UPDATE_UNCHANGED_TOAST);

        assertThat(update.oldTuple()).isEmpty();
        assertThat(update.newTuple().values())
                .containsExactly(text("3"), text("big"), text("2.00"), TupleValue.UnchangedToast.INSTANCE);
    }

    @Test
    void binaryModeInsertCarriesSendFormat() {
        Insert insert = (Insert) decode(INSERT_BINARY_MODE);

        assertThat(insert.newTuple().values()).containsExactly(
                new TupleValue.Binary(new byte[] {0, 0, 0, 4}),
                new TupleValue.Binary("after".getBytes(StandardCharsets.UTF_8)),
                TupleValue.Null.INSTANCE,
                TupleValue.Null.INSTANCE);
    }

    @Test
    void streamStartFlagsFirstSegmentOnly() {
        assertThat(decode(STREAM_START_FIRST)).isEqualTo(new StreamStart(new Xid(741), true));
        assertThat(decode(STREAM_START_LATER)).isEqualTo(new StreamStart(new Xid(741), false));
    }

    @Test
    void streamedRelationAndInsertCarryXidPrefix() {
        Relation relation = (Relation) decodeStreamed(STREAM_RELATION);
        Insert insert = (Insert) decodeStreamed(STREAM_INSERT);

        assertThat(relation.id()).isEqualTo(new RelationId(AUDIT));
        assertThat(relation.name()).isEqualTo("audit");
        assertThat(relation.columns()).extracting(Column::name).containsExactly("id", "payload");
        assertThat(insert.streamXid()).contains(new Xid(741));
        assertThat(insert.relation()).isEqualTo(new RelationId(AUDIT));
        assertThat(insert.newTuple().values()).containsExactly(text("1"), text("{\"k\": 1}"));
    }

    @Test
    void streamedTransactionalMessageCarriesXidBeforeFlags() {
        LogicalMessage message = (LogicalMessage) decodeStreamed(STREAM_MESSAGE);

        assertThat(message.streamXid()).contains(new Xid(741));
        assertThat(message.transactional()).isTrue();
        assertThat(message.lsn()).isEqualTo(Lsn.parse("0/1585F40"));
        assertThat(message.prefix()).isEqualTo("sp");
        assertThat(new String(message.content(), StandardCharsets.UTF_8)).isEqualTo("in-stream");
    }

    @Test
    void streamStopAndStreamCommit() {
        assertThat(decode(STREAM_STOP)).isEqualTo(new StreamStop());
        assertThat(decode(STREAM_COMMIT)).isEqualTo(new StreamCommit(new Xid(741), 0, Lsn.parse("0/1585F40"),
                Lsn.parse("0/1585F70"), Instant.parse("2026-11-22T04:18:33.166861Z")));
    }

    @Test
    void streamedInsertReadWithoutStreamFlagFailsAtTupleMarker() {
        // Reading a streamed Insert as protocol 1 takes the xid for the relation oid and then finds no 'N'.
        PgOutputDecodeException e = catchThrowableOfType(PgOutputDecodeException.class,
                () -> PgOutputDecoder.decode(hex(STREAM_INSERT)));

        assertThat(e.messageType()).isEqualTo("Insert");
        assertThat(e.offset()).isEqualTo(5);
        assertThat(e.getMessage()).contains("unexpected byte 0x00, expected N");
    }
}
