package io.pgflo.camel.sink.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses a json or jsonb column's text into the JSON value it holds, keeping every number exact and
 * every member. Text that cannot be carried over unchanged (duplicate keys in a json value, nesting
 * deeper than {@link #MAX_DEPTH}, a number too large to write out in full) is rejected, so the caller
 * keeps it as a string instead.
 */
final class EmbeddedJson {

    /** The deepest json value embedded as JSON; {@link PgFloJson}'s writer allows this plus its own levels. */
    static final int MAX_DEPTH = 1000;

    /** Jackson writes a BigDecimal in plain digits only within this scale; beyond it, it refuses. */
    static final int MAX_PLAIN_SCALE = 9999;

    private static final ObjectMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            // jsonb allows strings, keys and numbers far beyond Jackson's defaults.
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .maxNumberLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A json (not jsonb) value may repeat a key; a tree would keep only the last one.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private EmbeddedJson() {
    }

    /**
     * @throws MalformedPgTextException when the text is not JSON or would not survive as a JSON value
     */
    static JsonNode parse(String text) {
        JsonNode value;
        try {
            value = READER.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedPgTextException("not a JSON value PostgreSQL would print: " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            throw new MalformedPgTextException("empty JSON text");
        }
        requirePlainWritable(value);
        return value;
    }

    private static void requirePlainWritable(JsonNode node) {
        if (node.isBigDecimal() && Math.abs(node.decimalValue().scale()) > MAX_PLAIN_SCALE) {
            throw new MalformedPgTextException("a number's exponent is too large to write in plain digits");
        }
        for (JsonNode child : node) {
            requirePlainWritable(child);
        }
    }
}
