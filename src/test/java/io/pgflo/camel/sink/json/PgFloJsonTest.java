package io.pgflo.camel.sink.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PgFloJsonTest {

    private static final Lsn CHANGE_LSN = Lsn.parse("0/16B3748");
    private static final Lsn COMMIT_LSN = Lsn.parse("0/16B3800");
    private static final Instant COMMIT_TIME = Instant.parse("2024-05-01T12:00:00.123456Z");
    private static final Instant EMITTED_AT = Instant.parse("2024-05-01T12:00:01.123456789Z");
    private static final TransactionInfo TX = new TransactionInfo(new Xid(750), COMMIT_LSN, COMMIT_TIME, null);
    private static final TableName USERS = new TableName("public", "users");
    private static final TupleValue NULL = TupleValue.Null.INSTANCE;
    private static final TupleValue TOAST = TupleValue.UnchangedToast.INSTANCE;

    /** The fields every change of transaction {@link #TX} at position 0/16B3800:3 ends with. */
    private static final String TX_FIELDS =
            "\"CommitLSN\":\"0/16B3800\",\"Xid\":750,\"CommitTime\":\"2024-05-01T12:00:00.123456Z\",\"Position\":\"0/16B3800:3\"";
    private static final String WHERE = "\"LSN\":\"0/16B3748\",\"EmittedAt\":\"2024-05-01T12:00:01.123456789Z\"";
    private static final String PK_ID = "\"ReplicationKey\":{\"Type\":\"PRIMARY KEY\",\"Columns\":[\"id\"]}";

    private static List<ColumnInfo> userColumns(boolean allKey) {
        return List.of(
                new ColumnInfo("id", 23, "int4", -1, true),
                new ColumnInfo("name", 25, "text", -1, allKey),
                new ColumnInfo("balance", 1700, "numeric", -1, allKey),
                new ColumnInfo("active", 16, "bool", -1, allKey),
                new ColumnInfo("profile", 3802, "jsonb", -1, allKey));
    }

    private static TupleValue text(String value) {
        return new TupleValue.Text(value);
    }

    private static List<TupleValue> ada(String id) {
        return List.of(text(id), text("Ada"), text("12345678901234567890.123456789"), text("t"),
                text("{\"tags\": [\"a\", \"b\"], \"note\": \"h\u00e9llo \\\"q\\\"\"}"));
    }

    private static final String ADA_TUPLE_AFTER_ID = "\"name\":\"Ada\",\"balance\":12345678901234567890.123456789,"
            + "\"active\":true,\"profile\":{\"tags\":[\"a\",\"b\"],\"note\":\"h\u00e9llo \\\"q\\\"\"}}";

    private static RowChange row(Operation operation, ReplicaIdentity identity, List<ColumnInfo> columns,
                                 List<TupleValue> newValues, List<TupleValue> oldValues, boolean oldIsKeyOnly,
                                 TransactionInfo transaction) {
        return new RowChange(operation, USERS, columns, identity, newValues, oldValues, oldIsKeyOnly, CHANGE_LSN,
                transaction);
    }

    private static ChangeRecord record(ChangeEvent event) {
        return new ChangeRecord(new Position(COMMIT_LSN, 3), EMITTED_AT, event);
    }

    private static String line(ChangeEvent event) {
        return PgFloJson.toLine(record(event));
    }

    @Nested
    class RowChanges {

        @Test
        void insert() {
            RowChange insert = row(Operation.INSERT, ReplicaIdentity.DEFAULT, userColumns(false), ada("1"), null, false, TX);

            assertThat(line(insert)).isEqualTo("{\"Type\":\"INSERT\",\"Schema\":\"public\",\"Table\":\"users\"," + PK_ID
                    + "," + WHERE + ",\"NewTuple\":{\"id\":1," + ADA_TUPLE_AFTER_ID + ",\"OldTuple\":null,"
                    + TX_FIELDS + ",\"UnchangedToastColumns\":[]}");
        }

        @Test
        void updateWithKeyOnlyOldRowShowsOnlyTheKeyColumns() {
            List<TupleValue> oldKey = List.of(text("1"), NULL, NULL, NULL, NULL);
            RowChange update = row(Operation.UPDATE, ReplicaIdentity.DEFAULT, userColumns(false), ada("2"), oldKey, true, TX);

            assertThat(line(update)).isEqualTo("{\"Type\":\"UPDATE\",\"Schema\":\"public\",\"Table\":\"users\"," + PK_ID
                    + "," + WHERE + ",\"NewTuple\":{\"id\":2," + ADA_TUPLE_AFTER_ID + ",\"OldTuple\":{\"id\":1},"
                    + TX_FIELDS + ",\"UnchangedToastColumns\":[]}");
        }

        @Test
        void updateWithFullOldRowShowsEveryOldColumnIncludingNulls() {
            List<TupleValue> oldRow = List.of(text("1"), text("Ada L."), text("0.50"), NULL, text("[]"));
            RowChange update = row(Operation.UPDATE, ReplicaIdentity.FULL, userColumns(true), ada("1"), oldRow, false, TX);

            assertThat(line(update)).isEqualTo("{\"Type\":\"UPDATE\",\"Schema\":\"public\",\"Table\":\"users\","
                    + "\"ReplicationKey\":{\"Type\":\"FULL\",\"Columns\":[\"id\",\"name\",\"balance\",\"active\",\"profile\"]},"
                    + WHERE + ",\"NewTuple\":{\"id\":1," + ADA_TUPLE_AFTER_ID
                    + ",\"OldTuple\":{\"id\":1,\"name\":\"Ada L.\",\"balance\":0.50,\"active\":null,\"profile\":[]},"
                    + TX_FIELDS + ",\"UnchangedToastColumns\":[]}");
        }

        @Test
        void updateWithoutOldRowHasNullOldTuple() {
            RowChange update = row(Operation.UPDATE, ReplicaIdentity.DEFAULT, userColumns(false), ada("1"), null, false, TX);

            assertThat(PgFloJson.toObjectNode(record(update)).get("OldTuple").isNull()).isTrue();
            assertThat(line(update)).contains(",\"OldTuple\":null,");
        }

        @Test
        void deleteHasNullNewTupleAndTheOldKey() {
            List<TupleValue> oldKey = List.of(text("7"), NULL, NULL, NULL, NULL);
            RowChange delete = row(Operation.DELETE, ReplicaIdentity.DEFAULT, userColumns(false), null, oldKey, true, TX);

            assertThat(line(delete)).isEqualTo("{\"Type\":\"DELETE\",\"Schema\":\"public\",\"Table\":\"users\"," + PK_ID
                    + "," + WHERE + ",\"NewTuple\":null,\"OldTuple\":{\"id\":7}," + TX_FIELDS
                    + ",\"UnchangedToastColumns\":[]}");
        }

        @Test
        void unchangedToastColumnsAreLeftOutOfNewTupleAndListed() {
            List<TupleValue> values = List.of(text("1"), TOAST, text("2.5"), NULL, TOAST);
            RowChange update = row(Operation.UPDATE, ReplicaIdentity.DEFAULT, userColumns(false), values, null, false, TX);

            assertThat(line(update)).isEqualTo("{\"Type\":\"UPDATE\",\"Schema\":\"public\",\"Table\":\"users\"," + PK_ID
                    + "," + WHERE + ",\"NewTuple\":{\"id\":1,\"balance\":2.5,\"active\":null},\"OldTuple\":null,"
                    + TX_FIELDS + ",\"UnchangedToastColumns\":[\"name\",\"profile\"]}");
        }

        @Test
        void originIsTheLastFieldWhenTheChangeWasReplicatedIn() {
            RowChange insert = row(Operation.INSERT, ReplicaIdentity.DEFAULT, userColumns(false), ada("1"), null, false,
                    TX.withOrigin("pg_16389"));

            assertThat(line(insert)).endsWith(",\"UnchangedToastColumns\":[],\"Origin\":\"pg_16389\"}");
            assertThat(line(row(Operation.INSERT, ReplicaIdentity.DEFAULT, userColumns(false), ada("1"), null, false, TX)))
                    .doesNotContain("Origin");
        }

        @Test
        void uniqueIndexIdentity() {
            List<ColumnInfo> columns = List.of(new ColumnInfo("id", 20, "int8", -1, false),
                    new ColumnInfo("tenant", 25, "text", -1, true), new ColumnInfo("email", 25, "text", -1, true));
            RowChange insert = new RowChange(Operation.INSERT, USERS, columns, ReplicaIdentity.INDEX,
                    List.of(text("1"), text("t1"), text("a@b.c")), null, false, CHANGE_LSN, TX);

            assertThat(PgFloJson.toObjectNode(record(insert)).get("ReplicationKey").toString())
                    .isEqualTo("{\"Type\":\"UNIQUE\",\"Columns\":[\"tenant\",\"email\"]}");
        }

        @Test
        void identityNothingAndDefaultWithoutPrimaryKeyAreNone() {
            List<ColumnInfo> keyless = List.of(new ColumnInfo("note", 25, "text", -1, false));
            for (ReplicaIdentity identity : List.of(ReplicaIdentity.NOTHING, ReplicaIdentity.DEFAULT)) {
                RowChange insert = new RowChange(Operation.INSERT, USERS, keyless, identity, List.of(text("x")), null,
                        false, CHANGE_LSN, TX);

                assertThat(PgFloJson.toObjectNode(record(insert)).get("ReplicationKey").toString())
                        .isEqualTo("{\"Type\":\"NONE\",\"Columns\":[]}");
            }
        }

        @Test
        void objectNodeHoldsExactNumbers() {
            List<ColumnInfo> columns = new ArrayList<>(userColumns(false));
            columns.add(new ColumnInfo("big", 20, "int8", -1, false));
            List<TupleValue> values = new ArrayList<>(ada("1"));
            values.add(text("9223372036854775807"));
            RowChange insert = new RowChange(Operation.INSERT, USERS, columns, ReplicaIdentity.DEFAULT, values, null,
                    false, CHANGE_LSN, TX);

            JsonNode tuple = PgFloJson.toObjectNode(record(insert)).get("NewTuple");

            assertThat(tuple.get("balance").isBigDecimal()).isTrue();
            assertThat(tuple.get("balance").decimalValue()).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
            assertThat(tuple.get("big").canConvertToLong()).isTrue();
            assertThat(tuple.get("big").longValue()).isEqualTo(Long.MAX_VALUE);
            assertThat(tuple.get("id").intValue()).isEqualTo(1);
            assertThat(tuple.get("active").booleanValue()).isTrue();
        }

        @Test
        void binaryValueIsRejectedWithTheReason() {
            List<ColumnInfo> columns = List.of(new ColumnInfo("id", 23, "int4", -1, true));
            RowChange insert = new RowChange(Operation.INSERT, USERS, columns, ReplicaIdentity.DEFAULT,
                    List.of(new TupleValue.Binary(new byte[] {0, 0, 0, 1})), null, false, CHANGE_LSN, TX);

            assertThatThrownBy(() -> PgFloJson.toLine(record(insert)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("column id holds a binary value")
                    .hasMessageContaining("binary option off");
        }
    }

    @Nested
    class Truncates {

        @Test
        void truncateListsEveryTableAndNamesTheFirstForPgFloReaders() {
            TruncateEvent truncate = new TruncateEvent(List.of(USERS, new TableName("audit", "log")), true, false,
                    CHANGE_LSN, TX);

            assertThat(line(truncate)).isEqualTo("{\"Type\":\"TRUNCATE\",\"Schema\":\"public\",\"Table\":\"users\","
                    + "\"Tables\":[{\"Schema\":\"public\",\"Table\":\"users\"},{\"Schema\":\"audit\",\"Table\":\"log\"}],"
                    + "\"Cascade\":true,\"RestartIdentity\":false," + WHERE + "," + TX_FIELDS + "}");
        }

        @Test
        void truncateOfNoTableIsRejected() {
            TruncateEvent truncate = new TruncateEvent(List.of(), false, false, CHANGE_LSN, TX);

            assertThatThrownBy(() -> PgFloJson.toLine(record(truncate)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("names no table");
        }
    }

    @Nested
    class Messages {

        @Test
        void transactionalUtf8Message() {
            LogicalMessageEvent message = new LogicalMessageEvent("app",
                    "h\u00e9llo".getBytes(StandardCharsets.UTF_8), true, CHANGE_LSN, TX);

            assertThat(line(message)).isEqualTo("{\"Type\":\"MESSAGE\",\"Prefix\":\"app\",\"Content\":\"h\u00e9llo\","
                    + "\"ContentBase64\":\"aMOpbGxv\",\"Transactional\":true," + WHERE + "," + TX_FIELDS + "}");
        }

        @Test
        void nonTransactionalMessageWithBytesThatAreNotUtf8() {
            LogicalMessageEvent message = new LogicalMessageEvent("raw", new byte[] {(byte) 0xFF, 0x00}, false,
                    CHANGE_LSN, null);

            assertThat(line(message)).isEqualTo("{\"Type\":\"MESSAGE\",\"Prefix\":\"raw\",\"ContentBase64\":\"/wA=\","
                    + "\"Transactional\":false," + WHERE
                    + ",\"CommitLSN\":null,\"Xid\":null,\"CommitTime\":null,\"Position\":\"0/16B3800:3\"}");
        }

        @Test
        void trackedDdlInPgFlosShape() {
            String document = "{\"v\":1,\"command\":\"ALTER TABLE\",\"object_type\":\"table\",\"object\":\"app.users\","
                    + "\"concurrently\":false,\"statement\":\"ALTER TABLE app.users ADD COLUMN email text\",\"before\":null,"
                    + "\"table\":{\"schema\":\"app\",\"table\":\"users\",\"columns\":[{\"attnum\":1,\"name\":\"email\","
                    + "\"type\":\"text\",\"not_null\":false,\"default\":null,\"generated\":false}],\"indexes\":[],\"constraints\":[]}}";
            LogicalMessageEvent message = new LogicalMessageEvent("pgflo.ddl.orders",
                    document.getBytes(StandardCharsets.UTF_8), true, CHANGE_LSN, TX);

            assertThat(line(message)).startsWith("{\"Type\":\"DDL\",\"Schema\":\"app\",\"Table\":\"users\","
                            + "\"Command\":\"ALTER TABLE app.users ADD COLUMN email text\",\"CommandTag\":\"ALTER TABLE\","
                            + "\"Object\":\"app.users\",\"Concurrently\":false," + WHERE + ",\"Ddl\":{\"v\":1,")
                    .endsWith("\"Prefix\":\"pgflo.ddl.orders\"," + TX_FIELDS + "}");
        }

        @Test
        void unreadableDdlIsShownAsTheMessageItIs() {
            LogicalMessageEvent message = new LogicalMessageEvent("pgflo.ddl.orders",
                    "{broken".getBytes(StandardCharsets.UTF_8), true, CHANGE_LSN, TX);

            assertThat(line(message)).startsWith("{\"Type\":\"MESSAGE\",\"Prefix\":\"pgflo.ddl.orders\",\"Content\":\"{broken\"");
        }

        @Test
        void emptyMessage() {
            LogicalMessageEvent message = new LogicalMessageEvent("p", new byte[0], true, CHANGE_LSN, TX);

            assertThat(line(message)).startsWith("{\"Type\":\"MESSAGE\",\"Prefix\":\"p\",\"Content\":\"\","
                    + "\"ContentBase64\":\"\",\"Transactional\":true,");
        }
    }

    @Nested
    class ValueTyping {

        private String typed(String typeName, String text) throws Exception {
            return PgFloJson.write(PgValueTyper.typed(typeName, text));
        }

        @Test
        void integerTypesAreExactJsonIntegers() throws Exception {
            assertThat(typed("int2", "-32768")).isEqualTo("-32768");
            assertThat(typed("int4", "2147483647")).isEqualTo("2147483647");
            assertThat(typed("int8", "9223372036854775807")).isEqualTo("9223372036854775807");
            assertThat(typed("int8", "-9223372036854775808")).isEqualTo("-9223372036854775808");
            assertThat(typed("oid", "4294967295")).isEqualTo("4294967295");
            assertThat(typed("xid", "4294967295")).isEqualTo("4294967295");
            assertThat(typed("cid", "0")).isEqualTo("0");
        }

        @Test
        void integerBeyondLongStaysExact() throws Exception {
            JsonNode value = PgValueTyper.typed("int8", "18446744073709551616");

            assertThat(value.bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551616"));
            assertThat(PgFloJson.write(value)).isEqualTo("18446744073709551616");
        }

        @Test
        void floatsAreNumbersExceptTheirSpecialValues() throws Exception {
            assertThat(typed("float8", "1.5")).isEqualTo("1.5");
            assertThat(typed("float8", "0.1")).isEqualTo("0.1");
            assertThat(typed("float8", "-0")).isEqualTo("-0.0");
            assertThat(typed("float8", "1e+30")).isEqualTo("1.0E30");
            assertThat(typed("float8", "1.5e-07")).isEqualTo("1.5E-7");
            assertThat(typed("float8", "1.7976931348623157e+308")).isEqualTo("1.7976931348623157E308");
            assertThat(typed("float4", "1.1")).isEqualTo("1.1");
            assertThat(typed("float4", "3.4028235e+38")).isEqualTo("3.4028235E38");
            assertThat(typed("float8", "NaN")).isEqualTo("\"NaN\"");
            assertThat(typed("float4", "Infinity")).isEqualTo("\"Infinity\"");
            assertThat(typed("float8", "-Infinity")).isEqualTo("\"-Infinity\"");
        }

        @Test
        void floatsAreWrittenInTheirShortestDigitsAsPostgresPrintsThem() throws Exception {
            // Java 17's Double.toString writes these as 1.9999999999999998E23 and 8.409999999999999E21.
            assertThat(typed("float8", "2e+23")).isEqualTo("2.0E23");
            assertThat(typed("float8", "8.41e+21")).isEqualTo("8.41E21");
        }

        @Test
        void numericIsExactWithItsScale() throws Exception {
            assertThat(typed("numeric", "12345678901234567890.123456789")).isEqualTo("12345678901234567890.123456789");
            assertThat(typed("numeric", "0.0000001")).isEqualTo("0.0000001");
            assertThat(typed("numeric", "1.50")).isEqualTo("1.50");
            assertThat(typed("numeric", "-42")).isEqualTo("-42");
            assertThat(typed("numeric", "0.00")).isEqualTo("0.00");
            assertThat(typed("numeric", "NaN")).isEqualTo("\"NaN\"");
            assertThat(typed("numeric", "Infinity")).isEqualTo("\"Infinity\"");
            assertThat(typed("numeric", "-Infinity")).isEqualTo("\"-Infinity\"");
        }

        @Test
        void numericWithMoreFractionDigitsThanJacksonWritesPlainIsText() throws Exception {
            String tiny = "0." + "0".repeat(10_000) + "1";

            assertThat(typed("numeric", tiny)).isEqualTo("\"" + tiny + "\"");
        }

        @Test
        void moneyIsText() throws Exception {
            assertThat(typed("money", "$1,234.56")).isEqualTo("\"$1,234.56\"");
            assertThat(typed("money", "-$0.01")).isEqualTo("\"-$0.01\"");
        }

        @Test
        void boolIsBoolean() throws Exception {
            assertThat(typed("bool", "t")).isEqualTo("true");
            assertThat(typed("bool", "f")).isEqualTo("false");
        }

        @Test
        void jsonbIsEmbeddedWithUnicodeEscapesAndExactNumbers() throws Exception {
            String jsonb = "{\"a\": \"\u00e9 \\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00\", \"ctl\": \"tab\\tnl\\n\\u0001\","
                    + " \"n\": 1.50, \"big\": 12345678901234567890.123456789, \"arr\": [true, null, 3, -0.5]}";

            assertThat(typed("jsonb", jsonb)).isEqualTo("{\"a\":\"\u00e9 \\\"q\\\" \\\\ \u00e9 \ud83d\ude00\","
                    + "\"ctl\":\"tab\\tnl\\n\\u0001\",\"n\":1.50,\"big\":12345678901234567890.123456789,"
                    + "\"arr\":[true,null,3,-0.5]}");
        }

        @Test
        void jsonKeepsKeyOrderAndScalarsAtTheTop() throws Exception {
            assertThat(typed("json", "{\"b\": 1, \"a\": {\"z\": [], \"y\": {}}}")).isEqualTo("{\"b\":1,\"a\":{\"z\":[],\"y\":{}}}");
            assertThat(typed("jsonb", "\"just text\"")).isEqualTo("\"just text\"");
            assertThat(typed("jsonb", "42")).isEqualTo("42");
            assertThat(typed("jsonb", "99999999999999999999999")).isEqualTo("99999999999999999999999");
            assertThat(typed("jsonb", "false")).isEqualTo("false");
            assertThat(typed("jsonb", "null")).isEqualTo("null");
        }

        @Test
        void jsonThatWouldLoseSomethingAsATreeStaysText() throws Exception {
            assertThat(typed("json", "{\"a\": 1, \"a\": 2}")).isEqualTo("\"{\\\"a\\\": 1, \\\"a\\\": 2}\"");
            assertThat(typed("json", "[1] [2]")).isEqualTo("\"[1] [2]\"");
            assertThat(typed("json", "1e-10001")).isEqualTo("\"1e-10001\"");
            assertThat(typed("json", "[".repeat(1001) + "]".repeat(1001))).startsWith("\"[[[");
            assertThat(typed("jsonb", "{not json}")).isEqualTo("\"{not json}\"");
        }

        @Test
        void jsonNestedToTheDepthLimitIsEmbedded() throws Exception {
            String deep = "[".repeat(EmbeddedJson.MAX_DEPTH) + "]".repeat(EmbeddedJson.MAX_DEPTH);

            assertThat(typed("jsonb", deep)).isEqualTo(deep);
        }

        @Test
        void byteaIsItsHexText() throws Exception {
            assertThat(typed("bytea", "\\x00ff10")).isEqualTo("\"\\\\x00ff10\"");
        }

        @Test
        void otherTypesAreTheirExactText() throws Exception {
            assertThat(typed("text", "  spaced\ttext\n")).isEqualTo("\"  spaced\\ttext\\n\"");
            assertThat(typed("varchar", "")).isEqualTo("\"\"");
            assertThat(typed("bpchar", "ab  ")).isEqualTo("\"ab  \"");
            assertThat(typed("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).isEqualTo("\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"");
            assertThat(typed("timestamptz", "2024-05-01 12:00:00.123456+00")).isEqualTo("\"2024-05-01 12:00:00.123456+00\"");
            assertThat(typed("date", "infinity")).isEqualTo("\"infinity\"");
            assertThat(typed("interval", "1 day 02:00:00")).isEqualTo("\"1 day 02:00:00\"");
            assertThat(typed("inet", "10.0.0.1/8")).isEqualTo("\"10.0.0.1/8\"");
            assertThat(typed("point", "(1,2)")).isEqualTo("\"(1,2)\"");
            assertThat(typed("int4range", "[1,5)")).isEqualTo("\"[1,5)\"");
            assertThat(typed("tsvector", "'a':1 'b':2")).isEqualTo("\"'a':1 'b':2\"");
            assertThat(typed("xml", "<a>1</a>")).isEqualTo("\"<a>1</a>\"");
            assertThat(typed("hstore", "\"a\"=>\"1\"")).isEqualTo("\"\\\"a\\\"=>\\\"1\\\"\"");
            assertThat(typed("mood", "happy")).isEqualTo("\"happy\"");
            assertThat(typed("inventory.item", "(1,\"x y\")")).isEqualTo("\"(1,\\\"x y\\\")\"");
            assertThat(typed(null, "42")).isEqualTo("\"42\"");
        }

        @Test
        void customTypeNamedLikeABuiltInInAnotherSchemaIsText() throws Exception {
            assertThat(typed("app.int4", "42")).isEqualTo("\"42\"");
        }

        @Test
        void textThatDoesNotReadAsItsTypeIsKeptAsText() throws Exception {
            assertThat(typed("int4", "abc")).isEqualTo("\"abc\"");
            assertThat(typed("int8", "")).isEqualTo("\"\"");
            assertThat(typed("bool", "yes")).isEqualTo("\"yes\"");
            assertThat(typed("numeric", "1e5")).isEqualTo("\"1e5\"");
            assertThat(typed("float8", "0x1p3")).isEqualTo("\"0x1p3\"");
            assertThat(typed("float8", "1.5f")).isEqualTo("\"1.5f\"");
            assertThat(typed("float8", "1e999")).isEqualTo("\"1e999\"");
        }

        @Test
        void integerArrays() throws Exception {
            assertThat(typed("_int4", "{1,2,NULL,-3}")).isEqualTo("[1,2,null,-3]");
            assertThat(typed("_int8", "{9223372036854775807,-9223372036854775808}"))
                    .isEqualTo("[9223372036854775807,-9223372036854775808]");
            assertThat(typed("_int2", "{}")).isEqualTo("[]");
        }

        @Test
        void twoDimensionalArray() throws Exception {
            assertThat(typed("_int4", "{{1,2},{3,4}}")).isEqualTo("[[1,2],[3,4]]");
        }

        @Test
        void arrayWithExplicitBoundsLosesOnlyTheBounds() throws Exception {
            assertThat(typed("_int4", "[0:1]={1,2}")).isEqualTo("[1,2]");
            assertThat(typed("_int4", "[0:1][1:2]={{1,2},{3,4}}")).isEqualTo("[[1,2],[3,4]]");
        }

        @Test
        void boolFloatAndNumericArrays() throws Exception {
            assertThat(typed("_bool", "{t,f,NULL}")).isEqualTo("[true,false,null]");
            assertThat(typed("_float8", "{1.5,NaN,-Infinity,1e+30}")).isEqualTo("[1.5,\"NaN\",\"-Infinity\",1.0E30]");
            assertThat(typed("_numeric", "{1.50,NaN,12345678901234567890.123456789}"))
                    .isEqualTo("[1.50,\"NaN\",12345678901234567890.123456789]");
        }

        @Test
        void textArrayWithQuotesBackslashesDelimitersAndWhitespace() throws Exception {
            // array_out of ARRAY['a"b', 'c\d', 'x,y', 'NULL', NULL, E'line\nnext', E'tab\tx', '{}', '']
            String text = "{\"a\\\"b\",\"c\\\\d\",\"x,y\",\"NULL\",NULL,\"line\nnext\",\"tab\tx\",\"{}\",\"\"}";

            assertThat(typed("_text", text)).isEqualTo(
                    "[\"a\\\"b\",\"c\\\\d\",\"x,y\",\"NULL\",null,\"line\\nnext\",\"tab\\tx\",\"{}\",\"\"]");
        }

        @Test
        void jsonbArrayElementsAreEmbedded() throws Exception {
            // array_out of ARRAY['{"a": "é"}', '[1, 2]', 'null']::jsonb[] || NULL
            String text = "{\"{\\\"a\\\": \\\"\u00e9\\\"}\",\"[1, 2]\",\"null\",NULL}";

            assertThat(typed("_jsonb", text)).isEqualTo("[{\"a\":\"\u00e9\"},[1,2],null,null]");
        }

        @Test
        void byteaArrayElementsKeepTheirHexText() throws Exception {
            assertThat(typed("_bytea", "{\"\\\\x01\",\"\\\\xff\"}")).isEqualTo("[\"\\\\x01\",\"\\\\xff\"]");
        }

        @Test
        void boxArraysSplitOnSemicolons() throws Exception {
            assertThat(typed("_box", "{(1,1),(0,0);(3,3),(2,2)}")).isEqualTo("[\"(1,1),(0,0)\",\"(3,3),(2,2)\"]");
        }

        @Test
        void arraysOfTextTypedElementsAndCustomTypes() throws Exception {
            assertThat(typed("_point", "{\"(1,2)\",\"(3,4)\"}")).isEqualTo("[\"(1,2)\",\"(3,4)\"]");
            assertThat(typed("_mood", "{happy,sad}")).isEqualTo("[\"happy\",\"sad\"]");
            assertThat(typed("inventory._item", "{\"(1,x)\",NULL}")).isEqualTo("[\"(1,x)\",null]");
        }

        @Test
        void malformedArrayIsTextAndMalformedElementIsText() throws Exception {
            assertThat(typed("_int4", "{1,2")).isEqualTo("\"{1,2\"");
            assertThat(typed("_int4", "{1,x}")).isEqualTo("[1,\"x\"]");
        }
    }

    @Test
    void arrayElementTypeNames() {
        assertThat(PgValueTyper.arrayElementType("_int4")).isEqualTo("int4");
        assertThat(PgValueTyper.arrayElementType("inventory._item")).isEqualTo("inventory.item");
        assertThat(PgValueTyper.arrayElementType("int4")).isNull();
        assertThat(PgValueTyper.arrayElementType("_")).isNull();
        assertThat(PgValueTyper.arrayElementType(null)).isNull();
    }

    @Test
    void deepestEmbeddedJsonFitsInALineEvenInsideASixDimensionalArray() {
        String deepest = "[".repeat(EmbeddedJson.MAX_DEPTH) + "]".repeat(EmbeddedJson.MAX_DEPTH);
        List<ColumnInfo> columns = List.of(new ColumnInfo("doc", 3802, "jsonb", -1, false),
                new ColumnInfo("docs", 3807, "_jsonb", -1, false));
        RowChange insert = new RowChange(Operation.INSERT, USERS, columns, ReplicaIdentity.DEFAULT,
                List.of(text(deepest), text("{{{{{{" + deepest + "}}}}}}")), null, false, CHANGE_LSN, TX);

        assertThat(line(insert)).contains("\"NewTuple\":{\"doc\":" + deepest + ",\"docs\":[[[[[[" + deepest + "]]]]]]},");
    }

    @Test
    void emittedAtKeepsItsNanoseconds() {
        RowChange insert = row(Operation.INSERT, ReplicaIdentity.DEFAULT, userColumns(false), ada("1"), null, false, TX);
        ObjectNode json = PgFloJson.toObjectNode(new ChangeRecord(new Position(COMMIT_LSN, 0),
                Instant.parse("2024-05-01T12:00:00.000000001Z"), insert));

        assertThat(json.get("EmittedAt").textValue()).isEqualTo("2024-05-01T12:00:00.000000001Z");
        assertThat(json.get("Position").textValue()).isEqualTo("0/16B3800:0");
    }

    @Test
    void lineIsOneLine() {
        List<ColumnInfo> columns = List.of(new ColumnInfo("body", 25, "text", -1, false));
        RowChange insert = new RowChange(Operation.INSERT, USERS, columns, ReplicaIdentity.DEFAULT,
                List.of(text("first\nsecond\r\nthird\u2028")), null, false, CHANGE_LSN, TX);

        assertThat(line(insert)).doesNotContain("\n", "\r").contains("\"body\":\"first\\nsecond\\r\\nthird\u2028\"");
    }
}
