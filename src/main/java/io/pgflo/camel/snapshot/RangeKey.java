package io.pgflo.camel.snapshot;

/** One range of one table of a {@link CopyPlan}, by their places in the plan; stable across restarts. */
public record RangeKey(int table, int range) {

    /** The form used as a key in the copy state, for example {@code 2.17}. */
    public String id() {
        return table + "." + range;
    }

    /** Parses {@link #id()}. */
    public static RangeKey parse(String id) {
        int dot = id.indexOf('.');
        if (dot < 1) {
            throw new IllegalArgumentException("'" + id + "' is not a copy range id; expected <table>.<range>");
        }
        return new RangeKey(Integer.parseInt(id.substring(0, dot)), Integer.parseInt(id.substring(dot + 1)));
    }
}
