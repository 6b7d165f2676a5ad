package io.pgflo.camel.schemadump;

/**
 * One object of a plain-format pg_dump script, as its header names it ({@code -- Name: mood; Type: TYPE;
 * Schema: public}), with the SQL that creates it.
 */
public record DumpEntry(String name, String type, String schema, String sql) {

    /** How an error message names it, such as "TYPE public.mood". */
    public String describe() {
        return type + " " + ("-".equals(schema) ? name : schema + "." + name);
    }
}
