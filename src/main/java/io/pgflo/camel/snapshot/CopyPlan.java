package io.pgflo.camel.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.Lsn;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("stream_start", streamStart.toString());
        ArrayNode list = root.putArray("tables");
        for (Table table : tables) {
            ObjectNode node = list.addObject();
            node.put("schema", table.name().schema());
            node.put("table", table.name().table());
            ArrayNode ranges = node.putArray("ranges");
            for (PageRange range : table.ranges()) {
                ranges.addArray().add(range.firstPage()).add(range.endPage());
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a plan this version wrote */
    public static CopyPlan fromJson(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.path("version").asInt() != 1) {
                throw new IllegalArgumentException("unknown copy plan version");
            }
            List<Table> tables = new ArrayList<>();
            for (JsonNode node : root.withArray("tables")) {
                List<PageRange> ranges = new ArrayList<>();
                for (JsonNode range : node.withArray("ranges")) {
                    ranges.add(new PageRange(range.get(0).asLong(), range.get(1).asLong()));
                }
                tables.add(new Table(new TableName(node.get("schema").asText(), node.get("table").asText()), ranges));
            }
            return new CopyPlan(Lsn.parse(root.get("stream_start").asText()), tables);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("the stored copy plan cannot be read (" + e.getMessage() + "): "
                    + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
