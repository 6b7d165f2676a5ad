package io.pgflo.camel.ddl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgflo.camel.event.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the JSON document of a DDL message (see docs/ddl.md). Reading checks every field it
 * needs and names the one that is wrong; fields it does not know are ignored, as in the wire format.
 */
public final class DdlDocumentCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DdlDocumentCodec() {
    }

    public static DdlDocument parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DdlDocumentException("DDL message is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DdlDocumentException("DDL message is not a JSON object");
        }
        JsonNode version = root.get("v");
        if (version == null || !version.isInt() || version.intValue() != DdlDocument.VERSION) {
            throw new DdlDocumentException("DDL document version " + version + " is not supported; this worker reads version "
                    + DdlDocument.VERSION);
        }
        JsonNode before = root.get("before");
        return new DdlDocument(text(root, "command", "", false), text(root, "object_type", "", true),
                text(root, "object", "", true), bool(root, "concurrently", ""), text(root, "statement", "", true),
                before == null || before.isNull() ? null : table(before, "before"),
                table(required(root, "table", ""), "table"), text(root, "unmappable", "", true));
    }

    /** A table description alone, as {@code describe.sql} returns it (used for the target's catalog). */
    public static TableState parseTable(String text) {
        try {
            return table(JSON.readTree(text), "table");
        } catch (JsonProcessingException e) {
            throw new DdlDocumentException("table description is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(DdlDocument document) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", DdlDocument.VERSION);
        root.put("command", document.command());
        root.put("object_type", document.objectType());
        root.put("object", document.object());
        root.put("concurrently", document.concurrently());
        root.put("statement", document.statement());
        if (document.before() == null) {
            root.putNull("before");
        } else {
            root.set("before", table(document.before()));
        }
        root.set("table", table(document.after()));
        if (document.unmappable() != null) {
            root.put("unmappable", document.unmappable());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a DDL document", e);
        }
    }

    private static TableState table(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new DdlDocumentException("DDL document field '" + path + "' is not an object");
        }
        TableName name = new TableName(text(node, "schema", path, false), text(node, "table", path, false));
        List<ColumnState> columns = new ArrayList<>();
        int i = 0;
        for (JsonNode c : array(node, "columns", path)) {
            String at = path + ".columns[" + i++ + "]";
            columns.add(new ColumnState(integer(c, "attnum", at), text(c, "name", at, false), text(c, "type", at, false),
                    bool(c, "not_null", at), text(c, "default", at, true), bool(c, "generated", at)));
        }
        List<IndexState> indexes = new ArrayList<>();
        i = 0;
        for (JsonNode x : array(node, "indexes", path)) {
            String at = path + ".indexes[" + i++ + "]";
            JsonNode oid = required(x, "oid", at);
            if (!oid.canConvertToLong()) {
                throw new DdlDocumentException("DDL document field '" + at + ".oid' is " + oid + "; expected a number");
            }
            indexes.add(new IndexState(oid.longValue(), text(x, "name", at, false), bool(x, "unique", at),
                    bool(x, "primary", at), bool(x, "constraint", at), text(x, "method", at, false), texts(x, "keys", at),
                    texts(x, "include", at), bool(x, "expressions", at), text(x, "predicate", at, true),
                    text(x, "body", at, false), text(x, "definition", at, true), !x.has("valid") || bool(x, "valid", at)));
        }
        List<ConstraintState> constraints = new ArrayList<>();
        i = 0;
        for (JsonNode k : array(node, "constraints", path)) {
            String at = path + ".constraints[" + i++ + "]";
            constraints.add(new ConstraintState(text(k, "name", at, false), text(k, "type", at, false),
                    text(k, "definition", at, false), texts(k, "columns", at)));
        }
        return new TableState(name, columns, indexes, constraints);
    }

    private static ObjectNode table(TableState table) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", table.name().schema());
        node.put("table", table.name().table());
        ArrayNode columns = node.putArray("columns");
        for (ColumnState c : table.columns()) {
            columns.addObject().put("attnum", c.attnum()).put("name", c.name()).put("type", c.type())
                    .put("not_null", c.notNull()).put("default", c.defaultValue()).put("generated", c.generated());
        }
        ArrayNode indexes = node.putArray("indexes");
        for (IndexState x : table.indexes()) {
            ObjectNode index = indexes.addObject().put("oid", x.oid()).put("name", x.name()).put("unique", x.unique())
                    .put("primary", x.primary()).put("constraint", x.constraint()).put("method", x.method());
            x.keys().forEach(index.putArray("keys")::add);
            x.include().forEach(index.putArray("include")::add);
            index.put("expressions", x.expressions()).put("predicate", x.predicate()).put("body", x.body())
                    .put("definition", x.definition()).put("valid", x.valid());
        }
        ArrayNode constraints = node.putArray("constraints");
        for (ConstraintState k : table.constraints()) {
            ObjectNode constraint = constraints.addObject().put("name", k.name()).put("type", k.type())
                    .put("definition", k.definition());
            k.columns().forEach(constraint.putArray("columns")::add);
        }
        return node;
    }

    private static JsonNode required(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new DdlDocumentException("DDL document field '" + name(path, field) + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String path, boolean nullable) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw new DdlDocumentException("DDL document field '" + name(path, field) + "' is missing; expected a string");
        }
        if (!value.isTextual()) {
            throw new DdlDocumentException("DDL document field '" + name(path, field) + "' is " + value + "; expected a string");
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new DdlDocumentException("DDL document field '" + name(path, field) + "' is " + value + "; expected true or false");
        }
        return value.booleanValue();
    }

    private static int integer(JsonNode node, String field, String path) {
        JsonNode value = required(node, field, path);
        if (!value.isInt()) {
            throw new DdlDocumentException("DDL document field '" + name(path, field) + "' is " + value + "; expected an integer");
        }
        return value.intValue();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new DdlDocumentException("DDL document field '" + name(path, field) + "' is " + value + "; expected an array");
        }
        return value;
    }

    private static List<String> texts(JsonNode node, String field, String path) {
        List<String> result = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array(node, field, path)) {
            if (!item.isTextual()) {
                throw new DdlDocumentException("DDL document field '" + name(path, field) + "[" + i + "]' is " + item
                        + "; expected a string");
            }
            result.add(item.textValue());
            i++;
        }
        return result;
    }

    private static String name(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
