package io.pgflo.camel.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.Lsn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What an initial copy copies: the tables and their page ranges, fixed when the copy first starts and kept
 * in the copy state, so a restart finds the same ranges even when the tables have grown meanwhile.
 *
 * @param streamStart where the stream takes over: the slot's consistent point, or the source's WAL
 *                    position at the snapshot for a copy without streaming. Copied rows get positions
 *                    just below it.
 */
public record CopyPlan(Lsn streamStart, List<Table> tables) {

    /**
     * Jackson's streaming API, not its ObjectMapper: the replicator uses JSON nowhere else before its first
     * message, and loading the ObjectMapper's classes took about 0.1 s of its start.
     */
    private static final JsonFactory JSON = new JsonFactory();

    /** A table of the plan and its ranges, in page order. */
    public record Table(TableName name, List<PageRange> ranges) {
        public Table {
            ranges = List.copyOf(ranges);
        }
    }

    public CopyPlan {
        tables = List.copyOf(tables);
    }

    /** Every range of the plan. */
    public List<RangeKey> rangeKeys() {
        List<RangeKey> keys = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            for (int r = 0; r < tables.get(t).ranges().size(); r++) {
                keys.add(new RangeKey(t, r));
            }
        }
        return keys;
    }

    public PageRange range(RangeKey key) {
        return tables.get(key.table()).ranges().get(key.range());
    }

    public List<TableName> tableNames() {
        return tables.stream().map(Table::name).toList();
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("version", 1);
            json.writeStringField("stream_start", streamStart.toString());
            json.writeArrayFieldStart("tables");
            for (Table table : tables) {
                json.writeStartObject();
                json.writeStringField("schema", table.name().schema());
                json.writeStringField("table", table.name().table());
                json.writeArrayFieldStart("ranges");
                for (PageRange range : table.ranges()) {
                    json.writeStartArray();
                    json.writeNumber(range.firstPage());
                    json.writeNumber(range.endPage());
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a copy plan to memory", e);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a plan this version wrote */
    public static CopyPlan fromJson(byte[] bytes) {
        try (JsonParser json = JSON.createParser(bytes)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT, "the plan");
            long version = -1;
            String streamStart = null;
            List<Table> tables = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "version" -> version = integer(json, value, field);
                    case "stream_start" -> streamStart = text(json, value, field);
                    case "tables" -> tables = tables(json, value);
                    default -> json.skipChildren();
                }
            }
            if (version != 1) {
                throw new IllegalArgumentException("unknown copy plan version");
            }
            if (streamStart == null || tables == null) {
                throw new IllegalArgumentException("stream_start and tables are required");
            }
            return new CopyPlan(Lsn.parse(streamStart), tables);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the stored copy plan cannot be read (" + e.getMessage() + "): "
                    + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static List<Table> tables(JsonParser json, JsonToken start) throws IOException {
        expect(json, start, JsonToken.START_ARRAY, "tables");
        List<Table> tables = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_OBJECT) {
            String schema = null;
            String table = null;
            List<PageRange> ranges = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "schema" -> schema = text(json, value, field);
                    case "table" -> table = text(json, value, field);
                    case "ranges" -> ranges = ranges(json, value);
                    default -> json.skipChildren();
                }
            }
            if (schema == null || table == null || ranges == null) {
                throw new IllegalArgumentException("a table needs schema, table and ranges");
            }
            tables.add(new Table(new TableName(schema, table), ranges));
        }
        expect(json, json.currentToken(), JsonToken.END_ARRAY, "tables");
        return tables;
    }

    private static List<PageRange> ranges(JsonParser json, JsonToken start) throws IOException {
        expect(json, start, JsonToken.START_ARRAY, "ranges");
        List<PageRange> ranges = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_ARRAY) {
            long first = integer(json, json.nextToken(), "a range");
            long end = integer(json, json.nextToken(), "a range");
            expect(json, json.nextToken(), JsonToken.END_ARRAY, "a range of two pages");
            ranges.add(new PageRange(first, end));
        }
        expect(json, json.currentToken(), JsonToken.END_ARRAY, "ranges");
        return ranges;
    }

    private static String text(JsonParser json, JsonToken found, String what) throws IOException {
        return expect(json, found, JsonToken.VALUE_STRING, what).getText();
    }

    private static long integer(JsonParser json, JsonToken found, String what) throws IOException {
        return expect(json, found, JsonToken.VALUE_NUMBER_INT, what).getLongValue();
    }

    private static JsonParser expect(JsonParser json, JsonToken found, JsonToken wanted, String what) {
        if (found != wanted) {
            throw new IllegalArgumentException(what + ": expected " + wanted + ", found " + found);
        }
        return json;
    }
}
