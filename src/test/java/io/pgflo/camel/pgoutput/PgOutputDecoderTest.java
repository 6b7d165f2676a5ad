package io.pgflo.camel.pgoutput;

import static io.pgflo.camel.pgoutput.WireBytes.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamAbort;
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamCommit;
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamStart;
import io.pgflo.camel.pgoutput.PgOutputMessage.StreamStop;
import io.pgflo.camel.pgoutput.PgOutputMessage.Truncate;
import io.pgflo.camel.pgoutput.PgOutputMessage.Type;
import io.pgflo.camel.pgoutput.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgOutputDecoderTest {

    private static final Instant TS = Instant.parse("2024-05-06T07:08:09.123456Z");
    private static final int BIG_OID = 0x8000_0001;          // 2147483649 unsigned
    private static final long BIG_OID_VALUE = 2_147_483_649L;
    private static final int BIG_XID = 0xFFFF_FFFE;           // 4294967294 unsigned
    private static final long BIG_XID_VALUE = 4_294_967_294L;

    private static PgOutputMessage decode(WireBytes bytes) {
        return PgOutputDecoder.decode(bytes.bytes());
    }

    private static PgOutputMessage decodeStreamed(WireBytes bytes) {
        return PgOutputDecoder.decode(bytes.buffer(), true);
    }

    private static PgOutputDecodeException decodeFailure(byte[] bytes) {
        return catchThrowableOfType(PgOutputDecodeException.class, () -> PgOutputDecoder.decode(bytes));
    }

    private static PgOutputDecodeException decodeFailure(WireBytes bytes) {
        return decodeFailure(bytes.bytes());
    }

    /** A two-column relation message body for table public.t, oid 16384. */
    private static WireBytes relationT() {
        return message('R').int32(16384).cstring("public").cstring("t").int8('d').int16(2)
                .int8(1).cstring("id").int32(23).int32(-1)
                .int8(0).cstring("name").int32(25).int32(-1);
    }

    @Nested
    class TransactionFraming {

        @Test
        void beginCarriesFinalLsnCommitTimeAndXid() {
            PgOutputMessage decoded = decode(message('B').lsn("16/3002D50").timestamp(TS).int32(42));

            assertThat(decoded).isEqualTo(new Begin(Lsn.parse("16/3002D50"), TS, new Xid(42)));
        }

        @Test
        void beginReadsXidAboveTwoToThe31AsUnsigned() {
            Begin begin = (Begin) decode(message('B').lsn("0/1").timestamp(TS).int32(BIG_XID));

            assertThat(begin.xid().value()).isEqualTo(BIG_XID_VALUE);
            assertThat(begin.xid()).hasToString("4294967294");
        }

        @Test
        void beginReadsFullUnsignedLsn() {
            Begin begin = (Begin) decode(message('B').int64(0xFFFF_FFFF_FFFF_FFFEL).timestamp(TS).int32(1));

            assertThat(begin.finalLsn().value()).isEqualTo(0xFFFF_FFFF_FFFF_FFFEL);
            assertThat(begin.finalLsn()).hasToString("FFFFFFFF/FFFFFFFE");
        }

        @Test
        void timestampAtPostgresEpochIsYear2000() {
            Begin begin = (Begin) decode(message('B').lsn("0/1").int64(0).int32(1));

            assertThat(begin.commitTime()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        }

        @Test
        void negativeTimestampBeforePostgresEpochKeepsMicroseconds() {
            Begin begin = (Begin) decode(message('B').lsn("0/1").int64(-1).int32(1));

            assertThat(begin.commitTime()).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
        }

        @Test
        void commitCarriesFlagsCommitLsnEndLsnAndTime() {
            PgOutputMessage decoded = decode(message('C').int8(0).lsn("0/1541DF0").lsn("0/1541E20").timestamp(TS));

            assertThat(decoded).isEqualTo(new Commit(0, Lsn.parse("0/1541DF0"), Lsn.parse("0/1541E20"), TS));
        }

        @Test
        void originCarriesLsnAndName() {
            PgOutputMessage decoded = decode(message('O').lsn("A/B").cstring("node_east"));

            assertThat(decoded).isEqualTo(new Origin(Lsn.parse("A/B"), "node_east"));
        }

        @Test
        void originNameMayBeEmpty() {
            Origin origin = (Origin) decode(message('O').lsn("0/10").cstring(""));

            assertThat(origin.name()).isEmpty();
        }
    }

    @Nested
    class Schema {

        @Test
        void relationCarriesNameIdentityAndColumns() {
            Relation relation = (Relation) decode(relationT());

            assertThat(relation.id()).isEqualTo(new RelationId(16384));
            assertThat(relation.namespace()).isEqualTo("public");
            assertThat(relation.name()).isEqualTo("t");
            assertThat(relation.replicaIdentity()).isEqualTo(ReplicaIdentity.DEFAULT);
            assertThat(relation.columns()).containsExactly(
                    new Column(true, "id", 23, -1),
                    new Column(false, "name", 25, -1));
        }

        @Test
        void relationReadsOidAndTypeOidAboveTwoToThe31AsUnsigned() {
            Relation relation = (Relation) decode(message('R').int32(BIG_OID).cstring("s").cstring("big").int8('n')
                    .int16(1).int8(0).cstring("c").int32(0xFFFF_FFF0).int32(655366));

            assertThat(relation.id().oid()).isEqualTo(BIG_OID_VALUE);
            assertThat(relation.id()).hasToString("2147483649");
            assertThat(relation.columns()).containsExactly(new Column(false, "c", 4_294_967_280L, 655366));
        }

        @Test
        void relationColumnKeyFlagIsOnlyBitOne() {
            Relation relation = (Relation) decode(message('R').int32(1).cstring("s").cstring("t").int8('i').int16(3)
                    .int8(1).cstring("a").int32(23).int32(-1)
                    .int8(2).cstring("b").int32(23).int32(-1)
                    .int8(3).cstring("c").int32(23).int32(-1));

            assertThat(relation.columns()).extracting(Column::key).containsExactly(true, false, true);
        }

        @Test
        void relationWithoutColumnsHasEmptyColumnList() {
            Relation relation = (Relation) decode(message('R').int32(7).cstring("s").cstring("empty").int8('d').int16(0));

            assertThat(relation.columns()).isEmpty();
        }

        @Test
        void relationNamesMayBeUnicode() {
            Relation relation = (Relation) decode(message('R').int32(7).cstring("schéma").cstring("表").int8('d')
                    .int16(1).int8(0).cstring("列😀").int32(25).int32(-1));

            assertThat(relation.namespace()).isEqualTo("schéma");
            assertThat(relation.name()).isEqualTo("表");
            assertThat(relation.columns().get(0).name()).isEqualTo("列😀");
        }

        @ParameterizedTest
        @CsvSource({"d, DEFAULT", "n, NOTHING", "f, FULL", "i, INDEX"})
        void relationMapsEveryReplicaIdentityCode(char code, ReplicaIdentity expected) {
            Relation relation = (Relation) decode(message('R').int32(1).cstring("s").cstring("t").int8(code).int16(0));

            assertThat(relation.replicaIdentity()).isEqualTo(expected);
            assertThat(expected.code()).isEqualTo(code);
        }

        @Test
        void relationColumnsListIsImmutable() {
            Relation relation = (Relation) decode(relationT());

            assertThatThrownBy(() -> relation.columns().add(new Column(false, "x", 1, 1)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void typeCarriesUnsignedOidNamespaceAndName() {
            PgOutputMessage decoded = decode(message('Y').int32(0x9000_0000).cstring("app").cstring("mood"));

            assertThat(decoded).isEqualTo(new Type(0x9000_0000L, "app", "mood"));
        }
    }

    @Nested
    class RowChanges {

        @Test
        void insertCarriesRelationAndNewTuple() {
            Insert insert = (Insert) decode(message('I').int32(16384).int8('N').tuple(2).text("1").text("alice"));

            assertThat(insert.streamXid()).isEmpty();
            assertThat(insert.relation()).isEqualTo(new RelationId(16384));
            assertThat(insert.newTuple().values())
                    .containsExactly(new TupleValue.Text("1"), new TupleValue.Text("alice"));
        }

        @Test
        void insertWithRelationOidAboveTwoToThe31() {
            Insert insert = (Insert) decode(message('I').int32(BIG_OID).int8('N').tuple(0));

            assertThat(insert.relation().oid()).isEqualTo(BIG_OID_VALUE);
            assertThat(insert.newTuple().size()).isZero();
        }

        @Test
        void tupleDistinguishesEmptyStringNullAndUnchangedToast() {
            Insert insert = (Insert) decode(message('I').int32(1).int8('N').tuple(3)
                    .text("").nullValue().unchangedToast());

            assertThat(insert.newTuple().get(0)).isEqualTo(new TupleValue.Text(""));
            assertThat(insert.newTuple().get(1)).isSameAs(TupleValue.Null.INSTANCE);
            assertThat(insert.newTuple().get(2)).isSameAs(TupleValue.UnchangedToast.INSTANCE);
        }

        @Test
        void tupleDecodesMultiByteUtf8Text() {
            String value = "Zoë 😀 日本語 \u0000inside";
            Insert insert = (Insert) decode(message('I').int32(1).int8('N').tuple(1).text(value));

            assertThat(insert.newTuple().get(0)).isEqualTo(new TupleValue.Text(value));
        }

        @Test
        void tupleKeepsBinaryBytesExactly() {
            byte[] raw = {0, 1, (byte) 0xFF, (byte) 0x80, 0x7F};
            Insert insert = (Insert) decode(message('I').int32(1).int8('N').tuple(2).binary(raw).binary());

            assertThat(insert.newTuple().get(0)).isInstanceOf(TupleValue.Binary.class);
            assertThat(((TupleValue.Binary) insert.newTuple().get(0)).value()).containsExactly(raw);
            assertThat(((TupleValue.Binary) insert.newTuple().get(1)).value()).isEmpty();
        }

        @Test
        void updateWithoutOldTupleHasEmptyOld() {
            Update update = (Update) decode(message('U').int32(16384).int8('N').tuple(2).text("1").text("bob"));

            assertThat(update.streamXid()).isEmpty();
            assertThat(update.relation()).isEqualTo(new RelationId(16384));
            assertThat(update.oldTuple()).isEmpty();
            assertThat(update.newTuple().values())
                    .containsExactly(new TupleValue.Text("1"), new TupleValue.Text("bob"));
        }

        @Test
        void updateWithKeyOldTupleIsKindKey() {
            Update update = (Update) decode(message('U').int32(16384)
                    .int8('K').tuple(2).text("1").nullValue()
                    .int8('N').tuple(2).text("2").text("bob"));

            assertThat(update.oldTuple()).contains(new OldTuple(OldTupleKind.KEY,
                    new TupleData(List.of(new TupleValue.Text("1"), TupleValue.Null.INSTANCE))));
            assertThat(update.newTuple().values())
                    .containsExactly(new TupleValue.Text("2"), new TupleValue.Text("bob"));
        }

        @Test
        void updateWithOldRowTupleIsKindOldRow() {
            Update update = (Update) decode(message('U').int32(16384)
                    .int8('O').tuple(2).text("1").text("alice")
                    .int8('N').tuple(2).text("1").unchangedToast());

            assertThat(update.oldTuple()).contains(new OldTuple(OldTupleKind.OLD_ROW,
                    new TupleData(List.of(new TupleValue.Text("1"), new TupleValue.Text("alice")))));
            assertThat(update.newTuple().values())
                    .containsExactly(new TupleValue.Text("1"), TupleValue.UnchangedToast.INSTANCE);
        }

        @Test
        void deleteWithKeyTuple() {
            Delete delete = (Delete) decode(message('D').int32(16384).int8('K').tuple(2).text("9").nullValue());

            assertThat(delete).isEqualTo(new Delete(Optional.empty(), new RelationId(16384),
                    new OldTuple(OldTupleKind.KEY,
                            new TupleData(List.of(new TupleValue.Text("9"), TupleValue.Null.INSTANCE)))));
        }

        @Test
        void deleteWithOldRowTuple() {
            Delete delete = (Delete) decode(message('D').int32(BIG_OID).int8('O').tuple(2).text("9").text("zed"));

            assertThat(delete.relation().oid()).isEqualTo(BIG_OID_VALUE);
            assertThat(delete.oldTuple().kind()).isEqualTo(OldTupleKind.OLD_ROW);
            assertThat(delete.oldTuple().tuple().values())
                    .containsExactly(new TupleValue.Text("9"), new TupleValue.Text("zed"));
        }

        @Test
        void tupleValuesListIsImmutable() {
            Insert insert = (Insert) decode(message('I').int32(1).int8('N').tuple(1).text("x"));

            assertThatThrownBy(() -> insert.newTuple().values().add(TupleValue.Null.INSTANCE))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class TruncateMessages {

        @ParameterizedTest
        @CsvSource({"0, false, false", "1, true, false", "2, false, true", "3, true, true"})
        void truncateOptionBitsMapToCascadeAndRestartIdentity(int options, boolean cascade, boolean restart) {
            Truncate truncate = (Truncate) decode(message('T').int32(1).int8(options).int32(16384));

            assertThat(truncate.cascade()).isEqualTo(cascade);
            assertThat(truncate.restartIdentity()).isEqualTo(restart);
            assertThat(truncate.relations()).containsExactly(new RelationId(16384));
        }

        @Test
        void truncateListsEveryRelationInOrderWithUnsignedOids() {
            Truncate truncate = (Truncate) decode(message('T').int32(3).int8(0)
                    .int32(16391).int32(BIG_OID).int32(16384));

            assertThat(truncate.streamXid()).isEmpty();
            assertThat(truncate.relations()).containsExactly(
                    new RelationId(16391), new RelationId(BIG_OID_VALUE), new RelationId(16384));
        }

        @Test
        void truncateOfNoRelationsIsEmpty() {
            Truncate truncate = (Truncate) decode(message('T').int32(0).int8(0));

            assertThat(truncate.relations()).isEmpty();
        }
    }

    @Nested
    class LogicalMessages {

        @Test
        void transactionalMessageCarriesFlagLsnPrefixAndContent() {
            LogicalMessage m = (LogicalMessage) decode(message('M').int8(1).lsn("0/1543818").cstring("p")
                    .int32(5).raw("hello".getBytes(StandardCharsets.UTF_8)));

            assertThat(m.streamXid()).isEmpty();
            assertThat(m.transactional()).isTrue();
            assertThat(m.lsn()).isEqualTo(Lsn.parse("0/1543818"));
            assertThat(m.prefix()).isEqualTo("p");
            assertThat(new String(m.content(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }

        @Test
        void nonTransactionalMessageHasFlagOff() {
            byte[] content = {(byte) 0xC3, (byte) 0xBC, 0, (byte) 0xFF};
            LogicalMessage m = (LogicalMessage) decode(message('M').int8(0).lsn("1/0").cstring("audit")
                    .int32(content.length).raw(content));

            assertThat(m.transactional()).isFalse();
            assertThat(m.lsn()).isEqualTo(Lsn.parse("1/0"));
            assertThat(m.prefix()).isEqualTo("audit");
            assertThat(m.content()).containsExactly(content);
        }

        @Test
        void messageWithEmptyContentAndEmptyPrefix() {
            LogicalMessage m = (LogicalMessage) decode(message('M').int8(1).lsn("0/1").cstring("").int32(0));

            assertThat(m.prefix()).isEmpty();
            assertThat(m.content()).isEmpty();
        }

        @Test
        void messageContentIsDefensivelyCopied() {
            LogicalMessage m = (LogicalMessage) decode(message('M').int8(1).lsn("0/1").cstring("p").int32(1).int8('a'));

            m.content()[0] = 'z';

            assertThat(m.content()).containsExactly('a');
        }

        @Test
        void messagesWithSameContentAreEqual() {
            WireBytes bytes = message('M').int8(1).lsn("0/1").cstring("p").int32(2).int8('h').int8('i');

            assertThat(decode(bytes)).isEqualTo(decode(bytes)).hasSameHashCodeAs(decode(bytes));
            assertThat(decode(bytes)).isNotEqualTo(decode(message('M').int8(1).lsn("0/1").cstring("p").int32(2)
                    .int8('h').int8('o')));
        }
    }

    @Nested
    class Streaming {

        @Test
        void streamStartCarriesXidAndFirstSegmentFlag() {
            assertThat(decode(message('S').int32(741).int8(1))).isEqualTo(new StreamStart(new Xid(741), true));
            assertThat(decode(message('S').int32(BIG_XID).int8(0)))
                    .isEqualTo(new StreamStart(new Xid(BIG_XID_VALUE), false));
        }

        @Test
        void streamStopHasNoBody() {
            assertThat(decode(message('E'))).isEqualTo(new StreamStop());
        }

        @Test
        void streamCommitCarriesXidFlagsLsnsAndTime() {
            PgOutputMessage decoded = decode(message('c').int32(741).int8(0).lsn("0/1585F40").lsn("0/1585F70")
                    .timestamp(TS));

            assertThat(decoded).isEqualTo(new StreamCommit(new Xid(741), 0, Lsn.parse("0/1585F40"),
                    Lsn.parse("0/1585F70"), TS));
        }

        @Test
        void streamAbortCarriesXidAndSubtransactionXid() {
            assertThat(decode(message('A').int32(741).int32(BIG_XID)))
                    .isEqualTo(new StreamAbort(new Xid(741), new Xid(BIG_XID_VALUE)));
        }

        @Test
        void streamAbortIgnoresProtocol4Trailer() {
            // Protocol 4 appends abort LSN and abort timestamp.
            assertThat(decode(message('A').int32(5).int32(6).lsn("0/10").timestamp(TS)))
                    .isEqualTo(new StreamAbort(new Xid(5), new Xid(6)));
        }

        @Test
        void insertInsideStreamBlockReadsXidBeforeRelation() {
            Insert insert = (Insert) decodeStreamed(message('I').int32(BIG_XID).int32(16391).int8('N')
                    .tuple(1).text("x"));

            assertThat(insert.streamXid()).contains(new Xid(BIG_XID_VALUE));
            assertThat(insert.relation()).isEqualTo(new RelationId(16391));
            assertThat(insert.newTuple().values()).containsExactly(new TupleValue.Text("x"));
        }

        @Test
        void updateInsideStreamBlockReadsXid() {
            Update update = (Update) decodeStreamed(message('U').int32(741).int32(16391)
                    .int8('O').tuple(1).text("a").int8('N').tuple(1).text("b"));

            assertThat(update.streamXid()).contains(new Xid(741));
            assertThat(update.relation()).isEqualTo(new RelationId(16391));
            assertThat(update.oldTuple().orElseThrow().tuple().values()).containsExactly(new TupleValue.Text("a"));
            assertThat(update.newTuple().values()).containsExactly(new TupleValue.Text("b"));
        }

        @Test
        void deleteInsideStreamBlockReadsXid() {
            Delete delete = (Delete) decodeStreamed(message('D').int32(741).int32(16391).int8('K').tuple(1).text("a"));

            assertThat(delete.streamXid()).contains(new Xid(741));
            assertThat(delete.relation()).isEqualTo(new RelationId(16391));
        }

        @Test
        void truncateInsideStreamBlockReadsXid() {
            Truncate truncate = (Truncate) decodeStreamed(message('T').int32(741).int32(1).int8(1).int32(16391));

            assertThat(truncate.streamXid()).contains(new Xid(741));
            assertThat(truncate.cascade()).isTrue();
            assertThat(truncate.restartIdentity()).isFalse();
            assertThat(truncate.relations()).containsExactly(new RelationId(16391));
        }

        @Test
        void relationInsideStreamBlockSkipsXid() {
            Relation relation = (Relation) decodeStreamed(message('R').int32(741).int32(16391).cstring("public")
                    .cstring("audit").int8('f').int16(1).int8(1).cstring("id").int32(20).int32(-1));

            assertThat(relation.id()).isEqualTo(new RelationId(16391));
            assertThat(relation.name()).isEqualTo("audit");
            assertThat(relation.replicaIdentity()).isEqualTo(ReplicaIdentity.FULL);
            assertThat(relation.columns()).containsExactly(new Column(true, "id", 20, -1));
        }

        @Test
        void typeInsideStreamBlockSkipsXid() {
            assertThat(decodeStreamed(message('Y').int32(741).int32(90001).cstring("app").cstring("mood")))
                    .isEqualTo(new Type(90001, "app", "mood"));
        }

        @Test
        void messageInsideStreamBlockReadsXidBeforeFlags() {
            LogicalMessage m = (LogicalMessage) decodeStreamed(message('M').int32(741).int8(1).lsn("0/1585F40")
                    .cstring("sp").int32(2).int8('o').int8('k'));

            assertThat(m.streamXid()).contains(new Xid(741));
            assertThat(m.transactional()).isTrue();
            assertThat(m.lsn()).isEqualTo(Lsn.parse("0/1585F40"));
            assertThat(m.prefix()).isEqualTo("sp");
            assertThat(m.content()).containsExactly('o', 'k');
        }

        @Test
        void framingMessagesAreUnaffectedByStreamBlockFlag() {
            assertThat(decodeStreamed(message('B').lsn("0/5").timestamp(TS).int32(3)))
                    .isEqualTo(new Begin(Lsn.parse("0/5"), TS, new Xid(3)));
            assertThat(decodeStreamed(message('E'))).isEqualTo(new StreamStop());
        }
    }

    @Nested
    class BufferHandling {

        @Test
        void decodesSliceWithNonZeroArrayOffset() {
            byte[] body = message('U').int32(16384).int8('K').tuple(1).text("ключ")
                    .int8('N').tuple(2).text("κλειδί").text("naïve").bytes();
            byte[] backing = new byte[body.length + 11];
            Arrays.fill(backing, (byte) 'X');
            System.arraycopy(body, 0, backing, 7, body.length);
            ByteBuffer slice = ByteBuffer.wrap(backing, 7, body.length).slice();
            assertThat(slice.arrayOffset()).isEqualTo(7);

            Update update = (Update) PgOutputDecoder.decode(slice);

            assertThat(update.oldTuple().orElseThrow().tuple().values()).containsExactly(new TupleValue.Text("ключ"));
            assertThat(update.newTuple().values())
                    .containsExactly(new TupleValue.Text("κλειδί"), new TupleValue.Text("naïve"));
            assertThat(slice.position()).isEqualTo(body.length);
        }

        @Test
        void decodesStringsFromSliceWithNonZeroArrayOffset() {
            byte[] body = relationT().bytes();
            byte[] backing = new byte[body.length + 5];
            System.arraycopy(body, 0, backing, 5, body.length);
            backing[0] = 'n';  // a NUL-free prefix must not be read as part of the strings
            ByteBuffer slice = ByteBuffer.wrap(backing, 5, body.length).slice();

            Relation relation = (Relation) PgOutputDecoder.decode(slice);

            assertThat(relation.namespace()).isEqualTo("public");
            assertThat(relation.columns()).extracting(Column::name).containsExactly("id", "name");
        }

        @Test
        void truncationOffsetIsRelativeToSliceStart() {
            byte[] body = message('B').lsn("0/1").bytes(); // missing timestamp and xid
            byte[] backing = new byte[body.length + 4];
            System.arraycopy(body, 0, backing, 4, body.length);
            ByteBuffer slice = ByteBuffer.wrap(backing, 4, body.length).slice();

            PgOutputDecodeException e = catchThrowableOfType(PgOutputDecodeException.class,
                    () -> PgOutputDecoder.decode(slice));

            assertThat(e.messageType()).isEqualTo("Begin");
            assertThat(e.offset()).isEqualTo(9);
        }

        @Test
        void decodesFromCurrentPositionAndOffsetsAreRelativeToIt() {
            byte[] body = message('I').int32(1).int8('N').tuple(1).int8('t').int32(10).raw((byte) 'a').bytes();
            ByteBuffer buffer = ByteBuffer.allocate(body.length + 3);
            buffer.put(new byte[] {1, 2, 3}).put(body).flip().position(3);

            PgOutputDecodeException e = catchThrowableOfType(PgOutputDecodeException.class,
                    () -> PgOutputDecoder.decode(buffer));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(13);
        }

        @Test
        void decodesDirectBuffer() {
            byte[] body = message('R').int32(9).cstring("sç").cstring("tç").int8('d').int16(1)
                    .int8(0).cstring("cç").int32(25).int32(-1).bytes();
            ByteBuffer direct = ByteBuffer.allocateDirect(body.length + 2);
            direct.put((byte) 0).put((byte) 0).put(body).flip().position(2);
            ByteBuffer slice = direct.slice();

            Relation relation = (Relation) PgOutputDecoder.decode(slice);

            assertThat(relation.namespace()).isEqualTo("sç");
            assertThat(relation.name()).isEqualTo("tç");
            assertThat(relation.columns()).containsExactly(new Column(false, "cç", 25, -1));
        }

        @Test
        void decodesTextFromReadOnlyBuffer() {
            ByteBuffer readOnly = message('I').int32(1).int8('N').tuple(1).text("ü").buffer().asReadOnlyBuffer();

            Insert insert = (Insert) PgOutputDecoder.decode(readOnly);

            assertThat(insert.newTuple().values()).containsExactly(new TupleValue.Text("ü"));
        }

        @Test
        void leavesPositionAtEndOfMessageSoConcatenatedMessagesDecodeInTurn() {
            byte[] first = message('O').lsn("0/9").cstring("o1").bytes();
            byte[] second = message('E').bytes();
            byte[] third = message('Y').int32(5).cstring("n").cstring("t").bytes();
            ByteBuffer buffer = ByteBuffer.allocate(first.length + second.length + third.length);
            buffer.put(first).put(second).put(third).flip();

            assertThat(PgOutputDecoder.decode(buffer)).isEqualTo(new Origin(Lsn.parse("0/9"), "o1"));
            assertThat(buffer.position()).isEqualTo(first.length);
            assertThat(PgOutputDecoder.decode(buffer)).isEqualTo(new StreamStop());
            assertThat(PgOutputDecoder.decode(buffer)).isEqualTo(new Type(5, "n", "t"));
            assertThat(buffer.hasRemaining()).isFalse();
        }
    }

    @Nested
    class MalformedInput {

        @Test
        void emptyBufferIsRejected() {
            PgOutputDecodeException e = decodeFailure(new byte[0]);

            assertThat(e.messageType()).isEqualTo("unknown");
            assertThat(e.offset()).isZero();
            assertThat(e).hasMessage("pgoutput unknown message: empty message, expected a one-byte message tag"
                    + " at byte offset 0");
        }

        @Test
        void unknownTagIsNamedInHex() {
            PgOutputDecodeException e = decodeFailure(message('Z').int32(1));

            assertThat(e.messageType()).isEqualTo("unknown");
            assertThat(e.offset()).isZero();
            assertThat(e.getMessage()).contains("unknown message tag 0x5a");
        }

        @Test
        void highBitTagIsNamedAsUnsignedHex() {
            PgOutputDecodeException e = decodeFailure(new byte[] {(byte) 0xF0});

            assertThat(e.getMessage()).contains("unknown message tag 0xf0");
        }

        @Test
        void lowercaseVariantOfKnownTagIsUnknown() {
            // 'b' is not Begin; only 'c' is a lowercase tag (Stream Commit).
            assertThat(decodeFailure(message('b')).getMessage()).contains("unknown message tag 0x62");
        }

        @ParameterizedTest(name = "Begin cut to {0} bytes fails at offset {1}")
        @CsvSource({"1, 1", "5, 1", "9, 9", "12, 9", "17, 17", "20, 17"})
        void truncatedBeginNamesTypeAndOffsetOfMissingField(int length, int offset) {
            byte[] whole = message('B').lsn("0/1").timestamp(TS).int32(7).bytes();
            assertThat(whole).hasSize(21);

            PgOutputDecodeException e = decodeFailure(Arrays.copyOf(whole, length));

            assertThat(e.messageType()).isEqualTo("Begin");
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).startsWith("pgoutput Begin message: truncated: ")
                    .endsWith(" at byte offset " + offset);
        }

        @Test
        void truncatedBeginMessageSaysWhichFieldAndHowManyBytes() {
            byte[] whole = message('B').lsn("0/1").timestamp(TS).int32(7).bytes();

            assertThat(decodeFailure(Arrays.copyOf(whole, 19))).hasMessage(
                    "pgoutput Begin message: truncated: xid needs 4 bytes but 2 remain at byte offset 17");
        }

        @ParameterizedTest(name = "Commit cut to {0} bytes fails at offset {1}")
        @CsvSource({"1, 1", "2, 2", "10, 10", "17, 10", "18, 18", "25, 18"})
        void truncatedCommitNamesTypeAndOffset(int length, int offset) {
            byte[] whole = message('C').int8(0).lsn("0/1").lsn("0/2").timestamp(TS).bytes();
            assertThat(whole).hasSize(26);

            PgOutputDecodeException e = decodeFailure(Arrays.copyOf(whole, length));

            assertThat(e.messageType()).isEqualTo("Commit");
            assertThat(e.offset()).isEqualTo(offset);
        }

        @ParameterizedTest(name = "Relation cut to {0} bytes fails at offset {1}")
        @CsvSource({
            "3, 1",   // inside oid
            "8, 5",   // namespace has no NUL yet
            "13, 12", // relation name has no NUL yet
            "14, 14", // replica identity missing
            "16, 15", // column count half there
            "17, 17", // first column flags missing
            "20, 18", // first column name without NUL
            "23, 21", // type oid cut
            "27, 25", // typmod cut
            "29, 29", // second column missing entirely
        })
        void truncatedRelationNamesTypeAndOffset(int length, int offset) {
            byte[] whole = relationT().bytes();

            PgOutputDecodeException e = decodeFailure(Arrays.copyOf(whole, length));

            assertThat(e.messageType()).isEqualTo("Relation");
            assertThat(e.offset()).isEqualTo(offset);
        }

        @ParameterizedTest(name = "Insert cut to {0} bytes fails at offset {1}")
        @CsvSource({"1, 1", "5, 5", "6, 6", "8, 8", "10, 9", "13, 13", "17, 13"})
        void truncatedInsertNamesTypeAndOffset(int length, int offset) {
            byte[] whole = message('I').int32(1).int8('N').tuple(1).text("hello").bytes();
            assertThat(whole).hasSize(18);

            PgOutputDecodeException e = decodeFailure(Arrays.copyOf(whole, length));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(offset);
        }

        @Test
        void truncatedTextValueSaysHowManyBytesWereMissing() {
            byte[] whole = message('I').int32(1).int8('N').tuple(1).text("hello").bytes();

            assertThat(decodeFailure(Arrays.copyOf(whole, 15))).hasMessage(
                    "pgoutput Insert message: truncated: text value needs 5 bytes but 2 remain at byte offset 13");
        }

        @Test
        void truncatedStreamedInsertOffsetsIncludeXidPrefix() {
            byte[] whole = message('I').int32(741).int32(1).int8('N').tuple(1).text("hello").bytes();

            PgOutputDecodeException e = catchThrowableOfType(PgOutputDecodeException.class,
                    () -> PgOutputDecoder.decode(ByteBuffer.wrap(whole, 0, 15), true));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(13);
        }

        @Test
        void truncatedStreamedInsertInsideXid() {
            PgOutputDecodeException e = catchThrowableOfType(PgOutputDecodeException.class,
                    () -> PgOutputDecoder.decode(ByteBuffer.wrap(new byte[] {'I', 0, 0}), true));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(1);
            assertThat(e.getMessage()).contains("xid needs 4 bytes but 2 remain");
        }

        @Test
        void truncatedUpdateInsideNewTuple() {
            byte[] whole = message('U').int32(1).int8('K').tuple(1).text("a").int8('N').tuple(1).text("b").bytes();
            // K tuple: 5..13; N marker at 14; count 15-16; kind 17; len 18-21; byte 22
            PgOutputDecodeException e = decodeFailure(Arrays.copyOf(whole, 14));

            assertThat(e.messageType()).isEqualTo("Update");
            assertThat(e.offset()).isEqualTo(14);
            assertThat(e.getMessage()).contains("new tuple marker needs 1 bytes but 0 remain");
        }

        @Test
        void truncatedDeleteAfterMarker() {
            PgOutputDecodeException e = decodeFailure(message('D').int32(1).int8('K'));

            assertThat(e.messageType()).isEqualTo("Delete");
            assertThat(e.offset()).isEqualTo(6);
        }

        @Test
        void truncatedTruncateMissingSecondRelation() {
            PgOutputDecodeException e = decodeFailure(message('T').int32(2).int8(0).int32(16384).int16(0));

            assertThat(e.messageType()).isEqualTo("Truncate");
            assertThat(e.offset()).isEqualTo(10);
        }

        @Test
        void truncatedMessageContentNamesContent() {
            PgOutputDecodeException e = decodeFailure(message('M').int8(1).lsn("0/1").cstring("p").int32(10)
                    .int8('a').int8('b'));

            assertThat(e.messageType()).isEqualTo("Message");
            assertThat(e.offset()).isEqualTo(16);
            assertThat(e.getMessage()).contains("content needs 10 bytes but 2 remain");
        }

        @Test
        void truncatedStreamStartCommitAndAbort() {
            PgOutputDecodeException start = decodeFailure(message('S').int32(1));
            PgOutputDecodeException commit = decodeFailure(message('c').int32(1).int8(0).lsn("0/1").lsn("0/2")
                    .int32(0));
            PgOutputDecodeException abort = decodeFailure(message('A').int32(1).int16(0));

            assertThat(start.messageType()).isEqualTo("Stream Start");
            assertThat(start.offset()).isEqualTo(5);
            assertThat(commit.messageType()).isEqualTo("Stream Commit");
            assertThat(commit.offset()).isEqualTo(22);
            assertThat(abort.messageType()).isEqualTo("Stream Abort");
            assertThat(abort.offset()).isEqualTo(5);
        }

        @Test
        void truncatedOriginAndTypeStrings() {
            PgOutputDecodeException origin = decodeFailure(message('O').lsn("0/1").raw("abc".getBytes(StandardCharsets.UTF_8)));
            PgOutputDecodeException type = decodeFailure(message('Y').int32(1).cstring("ns").raw((byte) 'x'));

            assertThat(origin.messageType()).isEqualTo("Origin");
            assertThat(origin.offset()).isEqualTo(9);
            assertThat(origin).hasMessage("pgoutput Origin message: truncated: origin name has no terminating"
                    + " NUL byte at byte offset 9");
            assertThat(type.messageType()).isEqualTo("Type");
            assertThat(type.offset()).isEqualTo(8);
            assertThat(type.getMessage()).contains("type name has no terminating NUL byte");
        }

        @Test
        void stringWithoutNulIsRejectedAtStringStart() {
            PgOutputDecodeException e = decodeFailure(message('R').int32(1)
                    .raw("public".getBytes(StandardCharsets.UTF_8)));

            assertThat(e.messageType()).isEqualTo("Relation");
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e).hasMessage("pgoutput Relation message: truncated: namespace has no terminating NUL byte"
                    + " at byte offset 5");
        }

        @Test
        void stringSearchStopsAtBufferLimitNotBackingArrayEnd() {
            // The NUL after the limit must not be used to end the string.
            byte[] backing = message('O').lsn("0/1").cstring("name").bytes();
            ByteBuffer limited = ByteBuffer.wrap(backing, 0, backing.length - 1);

            PgOutputDecodeException e = catchThrowableOfType(PgOutputDecodeException.class,
                    () -> PgOutputDecoder.decode(limited));

            assertThat(e.messageType()).isEqualTo("Origin");
            assertThat(e.offset()).isEqualTo(9);
        }

        @Test
        void badNewTupleMarkerInInsertPointsAtMarker() {
            PgOutputDecodeException e = decodeFailure(message('I').int32(1).int8('X').tuple(0));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e).hasMessage("pgoutput Insert message: unexpected byte 0x58, expected N at byte offset 5");
        }

        @Test
        void badTupleMarkerInUpdatePointsAtMarker() {
            PgOutputDecodeException e = decodeFailure(message('U').int32(1).int8('D').tuple(0));

            assertThat(e.messageType()).isEqualTo("Update");
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e.getMessage()).contains("unexpected byte 0x44, expected K, O or N");
        }

        @Test
        void secondOldTupleInUpdateIsRejected() {
            // After K comes N; a second K or O is not allowed.
            byte[] bytes = message('U').int32(1).int8('K').tuple(0).int8('O').tuple(0).bytes();
            PgOutputDecodeException e = decodeFailure(bytes);

            assertThat(e.messageType()).isEqualTo("Update");
            assertThat(e.offset()).isEqualTo(8);
            assertThat(e.getMessage()).contains("unexpected byte 0x4f, expected K, O or N");
        }

        @Test
        void newTupleMarkerInDeleteIsRejected() {
            PgOutputDecodeException e = decodeFailure(message('D').int32(1).int8('N').tuple(0));

            assertThat(e.messageType()).isEqualTo("Delete");
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e.getMessage()).contains("unexpected byte 0x4e, expected K or O");
        }

        @Test
        void badTupleColumnKindNamesColumnIndexAndOffset() {
            PgOutputDecodeException e = decodeFailure(message('I').int32(1).int8('N').tuple(2).text("a").int8('x'));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(14);
            assertThat(e).hasMessage("pgoutput Insert message: unexpected byte 0x78, expected n, u, t or b for tuple"
                    + " column 1 at byte offset 14");
        }

        @Test
        void negativeTextLengthIsRejected() {
            PgOutputDecodeException e = decodeFailure(message('I').int32(1).int8('N').tuple(1).int8('t').int32(-1));

            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(13);
            assertThat(e.getMessage()).contains("text value has negative length -1");
        }

        @Test
        void negativeBinaryLengthIsRejected() {
            PgOutputDecodeException e = decodeFailure(message('I').int32(1).int8('N').tuple(1).int8('b')
                    .int32(Integer.MIN_VALUE));

            assertThat(e.offset()).isEqualTo(13);
            assertThat(e.getMessage()).contains("binary value has negative length -2147483648");
        }

        @Test
        void negativeMessageContentLengthIsRejected() {
            PgOutputDecodeException e = decodeFailure(message('M').int8(0).lsn("0/1").cstring("p").int32(-5));

            assertThat(e.messageType()).isEqualTo("Message");
            assertThat(e.getMessage()).contains("content has negative length -5");
        }

        @Test
        void negativeTruncateRelationCountIsRejected() {
            PgOutputDecodeException e = decodeFailure(message('T').int32(-1).int8(0));

            assertThat(e.messageType()).isEqualTo("Truncate");
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e.getMessage()).contains("negative relation count -1");
        }

        @Test
        void hugeTruncateRelationCountFailsAsTruncationNotOutOfMemory() {
            PgOutputDecodeException e = decodeFailure(message('T').int32(Integer.MAX_VALUE).int8(0).int32(1));

            assertThat(e.messageType()).isEqualTo("Truncate");
            assertThat(e.offset()).isEqualTo(10);
        }

        @Test
        void badReplicaIdentityIsRejected() {
            PgOutputDecodeException e = decodeFailure(message('R').int32(1).cstring("s").cstring("t").int8('x')
                    .int16(0));

            assertThat(e.messageType()).isEqualTo("Relation");
            // The error points at the identity byte itself, like the marker errors do.
            assertThat(e.offset()).isEqualTo(9);
            assertThat(e.getMessage()).contains("unknown replica identity 'x' (expected d, n, f or i)");
        }
    }

    @Nested
    class ValueTypes {

        @Test
        void binaryValueIsCopiedInAndOut() {
            byte[] raw = {1, 2};
            TupleValue.Binary binary = new TupleValue.Binary(raw);
            raw[0] = 9;
            binary.value()[1] = 9;

            assertThat(binary.value()).containsExactly(1, 2);
            assertThat(binary).isEqualTo(new TupleValue.Binary(new byte[] {1, 2}))
                    .hasSameHashCodeAs(new TupleValue.Binary(new byte[] {1, 2}))
                    .hasToString("Binary[2 bytes]");
        }

        @Test
        void textValueRejectsNull() {
            assertThatThrownBy(() -> new TupleValue.Text(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use Null");
        }

        @Test
        void xidRejectsValuesOutsideUnsigned32Bits() {
            assertThat(new Xid(0xFFFF_FFFFL).value()).isEqualTo(4_294_967_295L);
            assertThatThrownBy(() -> new Xid(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("xid -1 is outside the unsigned 32-bit range");
            assertThatThrownBy(() -> new Xid(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Xid.fromWire(-1)).isEqualTo(new Xid(4_294_967_295L));
        }

        @Test
        void relationIdFromWireIsUnsigned() {
            assertThat(RelationId.fromWire(-1).oid()).isEqualTo(4_294_967_295L);
            assertThat(RelationId.fromWire(16384)).isEqualTo(new RelationId(16384)).hasToString("16384");
        }

        @Test
        void decodeExceptionMessageNamesTypeAndOffset() {
            PgOutputDecodeException e = new PgOutputDecodeException("Insert", 12, "boom");

            assertThat(e).hasMessage("pgoutput Insert message: boom at byte offset 12");
            assertThat(e.messageType()).isEqualTo("Insert");
            assertThat(e.offset()).isEqualTo(12);
        }
    }
}
