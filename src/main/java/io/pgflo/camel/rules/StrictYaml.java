package io.pgflo.camel.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Reads a rules or routing file into a Jackson tree, for loaders that validate the tree by hand.
 *
 * <p>It builds the tree itself rather than through {@code ObjectMapper.readTree}, for three reasons: numbers
 * keep their exact decimal value ({@code 1.24} must not become a binary double before a numeric filter
 * compares it), YAML's {@code .inf} and {@code .nan} (which Jackson's number parsing rejects) still load,
 * and a repeated key or a second document is an error instead of silently replacing the first. A key
 * without a value ({@code operations:}) is null, as YAML defines it, not an empty string.
 */
public final class StrictYaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "key:" with nothing after it is null in YAML; Jackson would otherwise read it as "".
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrictYaml() {
    }

    /**
     * Parses one YAML document.
     *
     * @return the document's root, or null when the text holds no document (empty, or only comments)
     * @throws IllegalArgumentException for text that is not YAML, a repeated key, or more than one document;
     *                                  the message starts with {@code source} and gives the line
     */
    public static JsonNode parse(String text, String source) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(source + ": holds more than one YAML document (a second '---'"
                        + " at line " + parser.currentLocation().getLineNr() + "); expected exactly one");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid YAML" + where(e.getLocation()) + ": "
                    + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Says what a node is, for "expected ..., got ..." messages: {@code a list}, {@code the string 'x'}. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the string '" + node.textValue() + "'";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.booleanValue();
        }
        if (node.isNumber()) {
            return "the number " + (node.isBigDecimal() ? node.decimalValue().toString() : node.asText());
        }
        return node.isArray() ? "a list" : "a mapping";
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.set(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return DecimalNode.valueOf(new BigDecimal(parser.getBigIntegerValue()));
            case VALUE_NUMBER_FLOAT:
                return floatNode(parser);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(parser, "unsupported YAML value (" + token + "); expected a mapping,"
                        + " a list, a string, a number, a boolean or null");
        }
    }

    private static JsonNode floatNode(JsonParser parser) throws IOException {
        String text = parser.getText().replace("_", "");
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".inf")) {
            return NODES.numberNode(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals(".nan")) {
            return NODES.numberNode(Double.NaN);
        }
        try {
            return DecimalNode.valueOf(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return DecimalNode.valueOf(parser.getDecimalValue());
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** SnakeYAML's messages span lines with an excerpt and a caret; keep only the sentences. */
    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        StringJoiner joined = new StringJoiner("; ");
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                joined.add(line.strip());
            }
        }
        return joined.length() == 0 ? message.strip() : joined.toString();
    }
}
