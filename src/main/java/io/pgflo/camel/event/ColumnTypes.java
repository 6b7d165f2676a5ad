package io.pgflo.camel.event;

/** Type names as change events carry them, for code outside this package that describes columns. */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /** The built-in type's name, as the stream gives it, or null when the oid is not one it knows. */
    public static String builtInName(long oid) {
        return PgTypeNames.builtIn(oid);
    }
}
