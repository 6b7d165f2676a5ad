package io.pgflo.camel.event;

import java.util.Map;

/**
 * Names of PostgreSQL's built-in types by oid. pgoutput names a column's type only by oid and sends a
 * {@code Y} message just for types that are not built in, so the built-in names must be known here.
 */
public final class PgTypeNames {

    private static final Map<Long, String> BUILT_IN = Map.ofEntries(
            Map.entry(16L, "bool"), Map.entry(17L, "bytea"), Map.entry(18L, "char"), Map.entry(19L, "name"),
            Map.entry(20L, "int8"), Map.entry(21L, "int2"), Map.entry(23L, "int4"), Map.entry(24L, "regproc"),
            Map.entry(25L, "text"), Map.entry(26L, "oid"), Map.entry(27L, "tid"), Map.entry(28L, "xid"),
            Map.entry(29L, "cid"), Map.entry(114L, "json"), Map.entry(142L, "xml"), Map.entry(194L, "pg_node_tree"),
            Map.entry(600L, "point"), Map.entry(601L, "lseg"), Map.entry(602L, "path"), Map.entry(603L, "box"),
            Map.entry(604L, "polygon"), Map.entry(628L, "line"), Map.entry(650L, "cidr"), Map.entry(700L, "float4"),
            Map.entry(701L, "float8"), Map.entry(718L, "circle"), Map.entry(774L, "macaddr8"), Map.entry(790L, "money"),
            Map.entry(829L, "macaddr"), Map.entry(869L, "inet"), Map.entry(1042L, "bpchar"), Map.entry(1043L, "varchar"),
            Map.entry(1082L, "date"), Map.entry(1083L, "time"), Map.entry(1114L, "timestamp"),
            Map.entry(1184L, "timestamptz"), Map.entry(1186L, "interval"), Map.entry(1266L, "timetz"),
            Map.entry(1560L, "bit"), Map.entry(1562L, "varbit"), Map.entry(1700L, "numeric"),
            Map.entry(2205L, "regclass"), Map.entry(2950L, "uuid"), Map.entry(3220L, "pg_lsn"),
            Map.entry(3614L, "tsvector"), Map.entry(3615L, "tsquery"), Map.entry(3802L, "jsonb"),
            Map.entry(4072L, "jsonpath"), Map.entry(3904L, "int4range"), Map.entry(3906L, "numrange"),
            Map.entry(3908L, "tsrange"), Map.entry(3910L, "tstzrange"), Map.entry(3912L, "daterange"),
            Map.entry(3926L, "int8range"), Map.entry(4451L, "int4multirange"), Map.entry(4532L, "nummultirange"),
            Map.entry(4533L, "tsmultirange"), Map.entry(4534L, "tstzmultirange"), Map.entry(4535L, "datemultirange"),
            Map.entry(4536L, "int8multirange"),
            Map.entry(1000L, "_bool"), Map.entry(1001L, "_bytea"), Map.entry(1002L, "_char"), Map.entry(1003L, "_name"),
            Map.entry(1005L, "_int2"), Map.entry(1007L, "_int4"), Map.entry(1009L, "_text"), Map.entry(1014L, "_bpchar"),
            Map.entry(1015L, "_varchar"), Map.entry(1016L, "_int8"), Map.entry(1017L, "_point"),
            Map.entry(1021L, "_float4"), Map.entry(1022L, "_float8"), Map.entry(1028L, "_oid"), Map.entry(1041L, "_inet"),
            Map.entry(651L, "_cidr"), Map.entry(1040L, "_macaddr"), Map.entry(1115L, "_timestamp"),
            Map.entry(1182L, "_date"), Map.entry(1183L, "_time"), Map.entry(1185L, "_timestamptz"),
            Map.entry(1187L, "_interval"), Map.entry(1231L, "_numeric"), Map.entry(1270L, "_timetz"),
            Map.entry(199L, "_json"), Map.entry(3807L, "_jsonb"), Map.entry(2951L, "_uuid"), Map.entry(143L, "_xml"),
            Map.entry(791L, "_money"), Map.entry(3643L, "_tsvector"), Map.entry(3645L, "_tsquery"),
            Map.entry(3905L, "_int4range"), Map.entry(3907L, "_numrange"), Map.entry(3909L, "_tsrange"),
            Map.entry(3911L, "_tstzrange"), Map.entry(3913L, "_daterange"), Map.entry(3927L, "_int8range"));

    private PgTypeNames() {
    }

    /** The built-in type's name, or null when the oid is not a built-in type. */
    public static String builtIn(long oid) {
        return BUILT_IN.get(oid);
    }
}
