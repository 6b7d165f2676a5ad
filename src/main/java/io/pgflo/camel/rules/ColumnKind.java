package io.pgflo.camel.rules;

import java.util.Set;

/**
 * How rules treat a column, from its PostgreSQL type name: filters compare numbers as numbers, times as
 * times, booleans as booleans and everything else by its exact text; transforms that edit text (regex, mask)
 * only touch text-like columns, so they never turn a number or a date into something its column rejects.
 */
enum ColumnKind {
    NUMBER,
    BOOLEAN,
    TEMPORAL,
    TEXT;

    private static final Set<String> NUMBERS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "oid");
    private static final Set<String> TEMPORALS = Set.of("date", "timestamp", "timestamptz");
    private static final Set<String> TEXT_LIKE = Set.of("text", "varchar", "bpchar", "name", "citext", "unknown");

    /** The kind filters compare a column of this type as; an unknown type (null) compares as text. */
    static ColumnKind of(String typeName) {
        if (typeName == null) {
            return TEXT;
        }
        if (NUMBERS.contains(typeName)) {
            return NUMBER;
        }
        if (TEMPORALS.contains(typeName)) {
            return TEMPORAL;
        }
        return "bool".equals(typeName) ? BOOLEAN : TEXT;
    }

    /**
     * Whether the type holds free text. An unknown type (null) counts as text, as pg_flo treated such values
     * as strings; an extension type such as citext may be schema-qualified, for example {@code extensions.citext}.
     */
    static boolean isTextLike(String typeName) {
        if (typeName == null) {
            return true;
        }
        int dot = typeName.lastIndexOf('.');
        return TEXT_LIKE.contains(dot < 0 ? typeName : typeName.substring(dot + 1));
    }

    /**
     * The kind and text-likeness of the last type name asked for, for a rule that reads one column. The changes
     * of a message share one column description, so the same type-name instance comes again and again and is
     * recognised by identity instead of by set lookups per change. Thread-safe: the remembered pair is
     * immutable and replaced whole.
     */
    static final class Memo {

        private record Known(String typeName, ColumnKind kind, boolean textLike) { }

        private volatile Known last = new Known(null, ColumnKind.of(null), ColumnKind.isTextLike(null));

        ColumnKind of(String typeName) {
            return known(typeName).kind();
        }

        boolean isTextLike(String typeName) {
            return known(typeName).textLike();
        }

        private Known known(String typeName) {
            Known known = last;
            if (known.typeName() != typeName) {
                known = new Known(typeName, ColumnKind.of(typeName), ColumnKind.isTextLike(typeName));
                last = known;
            }
            return known;
        }
    }

    /** Whether gt, lt, gte and lte mean something for this kind: booleans only have eq and ne. */
    boolean ordered() {
        return this != BOOLEAN;
    }
}
