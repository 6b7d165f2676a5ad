package io.pgflo.camel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.copytext.CopyTextRow;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final TransactionInfo TX = new TransactionInfo(new Xid(4_000_000_000L), Lsn.parse("16/3002D50"),
            Instant.parse("2026-11-22T04:18:32.123456Z"), null);
    private static final Instant EMITTED = Instant.parse("2026-11-22T04:18:33.000001Z");
    private static final Lsn END = Lsn.parse("16/3002E00");

    /** One sample text value per type the event model names, in PostgreSQL's text output form. */
    private static final String[][] TYPES = {
            {"bool", "16", "t"}, {"bytea", "17", "\\x00ff10"}, {"char", "18", "x"}, {"name", "19", "pg_class"},
            {"int8", "20", "9223372036854775807"}, {"int2", "21", "-32768"}, {"int4", "23", "2147483647"},
            {"text", "25", "line1\nline2\t\"quoted\" \\ back 'single' é 漢 😀"}, {"oid", "26", "4294967295"},
            {"json", "114", "{\"a\": [1, \"x\\u0000\"]}"}, {"xml", "142", "<a b=\"1\">t</a>"},
            {"point", "600", "(1.5,-2)"}, {"lseg", "601", "[(0,0),(1,1)]"}, {"path", "602", "((0,0),(1,1),(2,0))"},
            {"box", "603", "(1,1),(0,0)"}, {"polygon", "604", "((0,0),(1,1),(1,0))"}, {"line", "628", "{1,-1,0}"},
            {"cidr", "650", "10.0.0.0/8"}, {"float4", "700", "NaN"}, {"float8", "701", "-1.5e-300"},
            {"circle", "718", "<(0,0),2>"}, {"macaddr8", "774", "08:00:2b:01:02:03:04:05"}, {"money", "790", "$1,000.00"},
            {"macaddr", "829", "08:00:2b:01:02:03"}, {"inet", "869", "::ffff:1.2.3.4/128"}, {"bpchar", "1042", "ab  "},
            {"varchar", "1043", ""}, {"date", "1082", "infinity"}, {"time", "1083", "23:59:59.999999"},
            {"timestamp", "1114", "2026-11-22 04:18:32.123456"}, {"timestamptz", "1184", "2026-11-22 04:18:32.123456+00"},
            {"interval", "1186", "1 year 2 mons -3 days 04:05:06.789"}, {"timetz", "1266", "12:00:00+05:30"},
            {"bit", "1560", "101"}, {"varbit", "1562", "10101"},
            {"numeric", "1700", "12345678901234567890.123456789012345678901234567890"}, {"uuid", "2950", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
            {"pg_lsn", "3220", "16/3002D50"}, {"tsvector", "3614", "'a':1A 'fat':2"}, {"tsquery", "3615", "'fat' & 'rat'"},
            {"jsonb", "3802", "{\"k\": \"ü\\n\", \"n\": 1.50}"}, {"int4range", "3904", "[1,10)"}, {"numrange", "3906", "(,1.5]"},
            {"tsrange", "3908", "empty"}, {"tstzrange", "3910", "[\"2026-01-01 00:00:00+00\",)"},
            {"daterange", "3912", "[2026-01-01,2026-02-01)"}, {"int8range", "3926", "[-9223372036854775808,0)"},
            {"int4multirange", "4451", "{[1,3),[5,7)}"}, {"_int4", "1007", "{{1,2},{3,NULL}}"},
            {"_text", "1009", "{\"a,b\",\"c\\\"d\",NULL,\"NULL\",\"\",\"x\\\\y\"}"}, {"_jsonb", "3807", "{\"{\\\"a\\\": 1}\"}"},
            {"_bool", "1000", "{t,f}"}, {"_numeric", "1231", "{1.10,NaN}"}, {"_uuid", "2951", "{}"},
            {"hstore", "16400", "\"a\"=>\"1\", \"b\"=>NULL"}, {"mood", "16401", "happy"}, {"app.address", "16402", "(\"1 Main St\",42)"},
            {null, "16403", "domain value of an unknown type"}};

    private static RowChange everyType(Operation op) {
        List<ColumnInfo> columns = new ArrayList<>();
        List<TupleValue> values = new ArrayList<>();
        columns.add(new ColumnInfo("id", 23, "int4", -1, true));
        values.add(new TupleValue.Text("1"));
        for (String[] type : TYPES) {
            columns.add(new ColumnInfo("c_" + (type[0] == null ? "unknown" : type[0]), Long.parseLong(type[1]), type[0], -1, false));
            values.add(new TupleValue.Text(type[2]));
        }
        columns.add(new ColumnInfo("c_null", 25, "text", -1, false));
        values.add(TupleValue.Null.INSTANCE);
        columns.add(new ColumnInfo("c_toast", 25, "text", -1, false));
        values.add(op == Operation.UPDATE ? TupleValue.UnchangedToast.INSTANCE : new TupleValue.Text("x".repeat(3000)));
        List<TupleValue> old = op == Operation.INSERT ? null : values;
        return new RowChange(op, new TableName("App Schema", "Mixed \"Case\""), columns, ReplicaIdentity.FULL,
                op == Operation.DELETE ? null : values, old, false, Lsn.parse("16/3002C00"), TX);
    }

    private static WireMessage roundTrip(List<ChangeEvent> events, long firstSeq) {
        List<WireEncoder.Encoded> encoded = new WireEncoder(1 << 20).encode(events, firstSeq, true, END, EMITTED);
        assertThat(encoded).hasSize(1);
        return new WireDecoder().decode(encoded.get(0).bytes());
    }

    @Test
    void everyTypeOfTheEventModelRoundTripsExactly() {
        List<ChangeEvent> events = List.of(everyType(Operation.INSERT), everyType(Operation.UPDATE), everyType(Operation.DELETE));
        WireMessage message = roundTrip(events, 7);
        assertThat(message.changes()).extracting(ChangeRecord::event).containsExactlyElementsOf(events);
        assertThat(message.changes()).extracting(ChangeRecord::position).containsExactly(
                new Position(TX.commitLsn(), 7), new Position(TX.commitLsn(), 8), new Position(TX.commitLsn(), 9));
        assertThat(message.xid()).isEqualTo(TX.xid());
        assertThat(message.commitTime()).isEqualTo(TX.commitTime());
        assertThat(message.endLsn()).isEqualTo(END);
        assertThat(message.last()).isTrue();
        assertThat(message.emittedAt()).isEqualTo(EMITTED);
        assertThat(message.messageId()).isEqualTo("16/3002D50#7-9");
    }

    @Test
    void keyOnlyOldRowsTruncatesMessagesAndOriginRoundTrip() {
        TransactionInfo replicated = TX.withOrigin("pg_16385");
        List<ColumnInfo> columns = List.of(new ColumnInfo("id", 23, "int4", -1, true), new ColumnInfo("v", 25, "text", -1, false));
        RowChange keyChange = new RowChange(Operation.UPDATE, new TableName("public", "t"), columns, ReplicaIdentity.DEFAULT,
                List.of(new TupleValue.Text("2"), new TupleValue.Text("v")),
                List.of(new TupleValue.Text("1"), TupleValue.Null.INSTANCE), true, Lsn.parse("1/10"), replicated);
        TruncateEvent truncate = new TruncateEvent(List.of(new TableName("public", "t"), new TableName("s", "u")), true, false,
                Lsn.parse("1/20"), replicated);
        LogicalMessageEvent message = new LogicalMessageEvent("pgflo", new byte[] {0, (byte) 0xff, 'a'}, true, Lsn.parse("1/30"),
                replicated);
        List<ChangeEvent> events = List.of(keyChange, truncate, message);
        WireMessage decoded = roundTrip(events, 0);
        assertThat(decoded.changes()).extracting(ChangeRecord::event).containsExactlyElementsOf(events);
        assertThat(decoded.origin()).isEqualTo("pg_16385");
    }

    @Test
    void nonTransactionalMessageIsPositionedAtItsOwnLsn() {
        LogicalMessageEvent message = new LogicalMessageEvent("p", "hi".getBytes(StandardCharsets.UTF_8), false,
                Lsn.parse("2/40"), null);
        WireMessage decoded = roundTrip(List.of(message), 0);
        assertThat(decoded.xid()).isNull();
        assertThat(decoded.changes().get(0).position()).isEqualTo(new Position(Lsn.parse("2/40"), 0));
        assertThat(decoded.changes().get(0).event()).isEqualTo(message);
    }

    @Test
    void largeRunIsSplitIntoMessagesUnderTheLimitWithContinuousPositions() {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(new RowChange(Operation.INSERT, new TableName("public", "t"),
                    List.of(new ColumnInfo("id", 23, "int4", -1, true), new ColumnInfo("pad", 25, "text", -1, false)),
                    ReplicaIdentity.DEFAULT, List.of(new TupleValue.Text(String.valueOf(i)), new TupleValue.Text("p".repeat(500))),
                    null, false, Lsn.of(1000 + i), TX));
        }
        List<WireEncoder.Encoded> encoded = new WireEncoder(8 * 1024).encode(events, 100, true, END, EMITTED);
        assertThat(encoded.size()).isGreaterThan(5);
        long expectedSeq = 100;
        List<ChangeEvent> decoded = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            assertThat(encoded.get(i).bytes().length).isLessThanOrEqualTo(8 * 1024);
            WireMessage message = new WireDecoder().decode(encoded.get(i).bytes());
            assertThat(message.firstSeq()).isEqualTo(expectedSeq);
            assertThat(encoded.get(i).messageId()).isEqualTo("16/3002D50#" + expectedSeq + "-"
                    + (expectedSeq + message.changes().size() - 1));
            assertThat(message.last()).isEqualTo(i == encoded.size() - 1);
            assertThat(message.endLsn()).isEqualTo(i == encoded.size() - 1 ? END : null);
            expectedSeq += message.changes().size();
            message.changes().forEach(r -> decoded.add(r.event()));
        }
        assertThat(decoded).containsExactlyElementsOf(events);
    }

    @Test
    void aSingleChangeOverTheLimitFailsNamingItsTable() {
        RowChange huge = new RowChange(Operation.INSERT, new TableName("public", "docs"),
                List.of(new ColumnInfo("body", 25, "text", -1, true)), ReplicaIdentity.DEFAULT,
                List.of(new TupleValue.Text("x".repeat(5000))), null, false, Lsn.of(5), TX);
        assertThatThrownBy(() -> new WireEncoder(2048).encode(List.of(huge), 0, true, END, EMITTED))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("in public.docs encodes to").hasMessageContaining("over the message limit of 2048 bytes");
    }

    @Test
    void malformedMessagesNameWhatIsWrong() {
        WireDecoder decoder = new WireDecoder();
        assertThatThrownBy(() -> decoder.decode("not json".getBytes(StandardCharsets.UTF_8))).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> decoder.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("expected a JSON object at the top level");
        assertThatThrownBy(() -> decoder.decode("{\"v\":3}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("wire format version 3 is not supported; this worker reads versions 1 and 2");
        String valid = new String(new WireEncoder(1 << 20).encode(List.of(everyType(Operation.INSERT)), 0, true, END, EMITTED)
                .get(0).bytes(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"op\":\"INSERT\"", "\"op\":\"UPSERT\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].op is 'UPSERT'; expected INSERT, UPDATE, DELETE, TRUNCATE or MESSAGE");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"rel\":0", "\"rel\":3").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].rel is 3; the message has 1 relations");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"commit_lsn\":\"16/3002D50\"", "\"commit_lsn\":\"x\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("message.commit_lsn: 'x' is not an LSN");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"new\":[\"1\"", "\"new\":[1").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].new[0] is NUMBER; expected a string, null or {\"unchanged_toast\":true}");
        assertThatThrownBy(() -> decoder.decode(valid.replace(",\"first_seq\":0", "").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("message.first_seq is missing");
    }

    @Test
    void fieldsAreReadInAnyOrder() {
        String json = "{\"changes\":[{\"new\":[\"7\",null,{\"unchanged_toast\":true}],\"rel\":0,\"op\":\"INSERT\","
                + "\"lsn\":\"0/10\"}],\"relations\":[{\"columns\":[{\"key\":true,\"typmod\":-1,\"oid\":23,\"name\":\"id\"},"
                + "{\"name\":\"a\",\"oid\":25,\"typmod\":-1,\"key\":false},{\"name\":\"b\",\"oid\":25,\"type\":\"text\","
                + "\"typmod\":-1,\"key\":false}],\"identity\":\"d\",\"table\":\"t\",\"schema\":\"public\"}],"
                + "\"emitted_at\":\"2026-11-22T04:18:33Z\",\"last\":true,\"first_seq\":3,\"commit_lsn\":\"0/20\",\"v\":1}";
        WireMessage message = new WireDecoder().decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(message.firstSeq()).isEqualTo(3);
        assertThat(message.xid()).isNull();
        RowChange row = (RowChange) message.changes().get(0).event();
        assertThat(message.changes().get(0).position()).isEqualTo(new Position(Lsn.parse("0/20"), 3));
        assertThat(row.table()).isEqualTo(new TableName("public", "t"));
        assertThat(row.columns().get(0)).isEqualTo(new ColumnInfo("id", 23, null, -1, true));
        assertThat(row.newValues()).containsExactly(new TupleValue.Text("7"), TupleValue.Null.INSTANCE,
                TupleValue.UnchangedToast.INSTANCE);
    }

    @Test
    void malformedStructureIsNamedToo() {
        WireDecoder decoder = new WireDecoder();
        String valid = new String(new WireEncoder(1 << 20).encode(List.of(everyType(Operation.INSERT)), 0, true, END, EMITTED)
                .get(0).bytes(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.decode(valid.substring(0, valid.length() / 2).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> decoder.decode(new byte[0])).hasMessage("expected a JSON object at the top level");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"v\":1", "\"v\":3").replace("\"op\":\"INSERT\"", "\"op\":\"X\"")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("wire format version 3 is not supported; this worker reads versions 1 and 2");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"v\":1,", "").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("message.v is missing");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"changes\":[", "\"changes\":[7,").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0] is NUMBER; expected an object");
        assertThatThrownBy(() -> decoder.decode(valid.replaceFirst("\"changes\":\\[.*\\]}$", "\"changes\":{}}")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("message.changes is OBJECT; expected an array");
        assertThatThrownBy(() -> decoder.decode(valid.replaceFirst(",\"changes\":\\[.*\\]}$", "}").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("message.changes is missing");
        String small = "{\"v\":1,\"commit_lsn\":\"0/20\",\"first_seq\":0,\"last\":true,\"emitted_at\":\"2026-11-22T04:18:33Z\","
                + "\"relations\":[{\"schema\":\"public\",\"table\":\"t\",\"identity\":\"d\",\"columns\":[{\"name\":\"id\","
                + "\"oid\":23,\"typmod\":-1,\"key\":true}]}],\"changes\":[{\"lsn\":\"0/10\",\"op\":\"INSERT\",\"rel\":0,\"new\":NEW}]}";
        assertThatThrownBy(() -> decoder.decode(small.replace("NEW", "{\"id\":\"1\"}").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].new must be an array of 1 values for public.t");
        assertThatThrownBy(() -> decoder.decode(small.replace("NEW", "[\"1\",\"2\"]").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].new must be an array of 1 values for public.t");
        assertThatThrownBy(() -> decoder.decode(small.replace("NEW", "[[\"1\"]]").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].new[0] is ARRAY; expected a string, null or {\"unchanged_toast\":true}");
        assertThat(decoder.decode(small.replace("NEW", "[\"1\"]").getBytes(StandardCharsets.UTF_8)).changes()).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"new\":[\"1\"", "\"new\":[{\"unchanged_toast\":false}")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].new[0] is OBJECT; expected a string, null or {\"unchanged_toast\":true}");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"rel\":0", "\"rel\":\"0\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("changes[0].rel is \"0\"; expected an integer");
    }
    private static final TransactionInfo SNAPSHOT = new TransactionInfo(new Xid(0), Lsn.parse("16/3002D4F"),
            Instant.parse("2026-11-22T04:18:30Z"), null);

    /** Copied rows of one table, as the initial copy reads them: COPY text lines. */
    private static List<ChangeEvent> copiedRows(int count) {
        List<ColumnInfo> columns = List.of(new ColumnInfo("id", 20, "int8", -1, true),
                new ColumnInfo("note", 25, "text", -1, false), new ColumnInfo("tags", 1009, "_text", -1, false));
        List<ChangeEvent> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = i + "\t" + (i % 3 == 0 ? "\\N" : "tab\\there\\nnew \\\\ é " + i) + "\t{\"a,b\",NULL}\n";
            rows.add(new RowChange(Operation.INSERT, new TableName("app", "notes"), columns, ReplicaIdentity.DEFAULT,
                    CopyTextRow.ofLine(line.getBytes(StandardCharsets.UTF_8), 3), null, false, SNAPSHOT.commitLsn(), SNAPSHOT));
        }
        return rows;
    }

    @Test
    void copiedRowsTravelAsTheirCopyTextAndComeBackAsTheSameInserts() {
        List<ChangeEvent> rows = copiedRows(5);
        List<WireEncoder.Encoded> encoded = new WireEncoder(1 << 20).encode(rows, 7L << 40, false, null, EMITTED);
        assertThat(encoded).hasSize(1);
        String body = new String(encoded.get(0).bytes(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"v\":2,\"xid\":0,").contains("\"rows\":5}\n0\t\\N\t{\"a,b\",NULL}\n1\ttab\\there")
                .endsWith("\n");
        assertThat(encoded.get(0).messageId()).isEqualTo("16/3002D4F#" + (7L << 40) + "-" + ((7L << 40) + 4));

        WireMessage message = new WireDecoder().decode(encoded.get(0).bytes());
        assertThat(message.firstSeq()).isEqualTo(7L << 40);
        assertThat(message.last()).isFalse();
        assertThat(message.xid()).isEqualTo(new Xid(0));
        assertThat(message.changes()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            ChangeRecord record = message.changes().get(i);
            assertThat(record.position()).isEqualTo(new Position(SNAPSHOT.commitLsn(), (7L << 40) + i));
            assertThat(record.event()).isEqualTo(rows.get(i));
            assertThat(((RowChange) record.event()).newValues()).isInstanceOf(CopyTextRow.class);
        }
        assertThat(((RowChange) message.changes().get(1).event()).newValue("note"))
                .isEqualTo(new TupleValue.Text("tab\there\nnew \\ é 1"));
    }

    @Test
    void copiedRowsOverTheLimitAreSplitAndAnythingElseStaysJson() {
        List<ChangeEvent> rows = copiedRows(100);
        List<WireEncoder.Encoded> parts = new WireEncoder(1024).encode(rows, 0, false, null, EMITTED);
        assertThat(parts.size()).isGreaterThan(2);
        int seen = 0;
        for (WireEncoder.Encoded part : parts) {
            assertThat(part.bytes().length).isLessThanOrEqualTo(1024);
            WireMessage message = new WireDecoder().decode(part.bytes());
            assertThat(message.firstSeq()).isEqualTo(seen);
            seen += message.changes().size();
        }
        assertThat(seen).isEqualTo(100);

        List<ChangeEvent> mixed = new ArrayList<>(copiedRows(2));
        mixed.add(everyType(Operation.INSERT));
        assertThat(WireEncoder.isCopyText(mixed)).isFalse();
        byte[] json = new WireEncoder(1 << 20).encode(mixed, 0, true, END, EMITTED).get(0).bytes();
        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"v\":1,").doesNotContain("\n");
        WireMessage decoded = new WireDecoder().decode(json);
        assertThat(decoded.changes().get(1).event()).isEqualTo(mixed.get(1));
        assertThat(((RowChange) decoded.changes().get(1).event()).newValues()).isNotInstanceOf(CopyTextRow.class);
    }

    @Test
    void aBrokenCopyTextMessageNamesWhatIsWrong() {
        String valid = new String(new WireEncoder(1 << 20).encode(copiedRows(3), 0, false, null, EMITTED).get(0).bytes(),
                StandardCharsets.UTF_8);
        WireDecoder decoder = new WireDecoder();
        assertThatThrownBy(() -> decoder.decode(valid.replace("\n1\t", "\n1\tx\t").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class).hasMessage("rows[1] of app.notes: COPY row has 4 fields, expected 3");
        assertThatThrownBy(() -> decoder.decode(valid.substring(0, valid.length() - 1).getBytes(StandardCharsets.UTF_8)))
                .hasMessage("rows[2] does not end in a newline");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"rows\":3", "\"rows\":4").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the message holds 3 rows; its rows field says 4");
        assertThatThrownBy(() -> decoder.decode(valid.replace("}\n0\t", "} 0\t").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("a version 2 message's header must end in a newline, followed by its rows");
        assertThatThrownBy(() -> decoder.decode(valid.replace(",\"rows\":3", "").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("message.rows is missing");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\"relations\":[", "\"changes\":[],\"relations\":[")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("a version 2 message has no changes array: its rows follow the header");
        String header = valid.substring(0, valid.indexOf('\n'));
        assertThatThrownBy(() -> decoder.decode((header.replace("\"rows\":3", "\"rows\":0") + "\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the message holds 0 rows; its rows field says 0");
        assertThatThrownBy(() -> decoder.decode(valid.replace("\n2\t", "\n\\.\n2\t").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("rows[2] of app.notes: COPY row is the end-of-data marker \\.");
    }
}
