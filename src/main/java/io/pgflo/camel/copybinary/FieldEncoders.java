package io.pgflo.camel.copybinary;

import java.util.Map;

/** The built-in types whose text this package turns into binary, by their quoted, schema-qualified name. */
public final class FieldEncoders {

    private static final Map<String, FieldEncoder> BY_TYPE = Map.ofEntries(
            builtIn("bool", BoolEncoder.INSTANCE),
            builtIn("int2", IntegerEncoder.INT2),
            builtIn("int4", IntegerEncoder.INT4),
            builtIn("int8", IntegerEncoder.INT8),
            builtIn("float4", FloatEncoder.FLOAT4),
            builtIn("float8", FloatEncoder.FLOAT8),
            builtIn("numeric", NumericEncoder.INSTANCE),
            builtIn("text", TextEncoder.PLAIN),
            builtIn("varchar", TextEncoder.PLAIN),
            builtIn("bpchar", TextEncoder.PLAIN),
            builtIn("json", TextEncoder.PLAIN),
            builtIn("jsonb", TextEncoder.JSONB),
            builtIn("bytea", ByteaEncoder.INSTANCE),
            builtIn("uuid", UuidEncoder.INSTANCE),
            builtIn("date", DateTimeEncoder.DATE),
            builtIn("timestamp", DateTimeEncoder.TIMESTAMP),
            builtIn("timestamptz", DateTimeEncoder.TIMESTAMPTZ));

    private FieldEncoders() {
    }

    private static Map.Entry<String, FieldEncoder> builtIn(String name, FieldEncoder encoder) {
        return Map.entry("\"pg_catalog\".\"" + name + "\"", encoder);
    }

    /**
     * @param type a column's type (a domain's base type) as {@code "schema"."name"}
     * @return its encoder, or null for a type this package does not know
     */
    public static FieldEncoder forType(String type) {
        return type == null ? null : BY_TYPE.get(type);
    }
}
