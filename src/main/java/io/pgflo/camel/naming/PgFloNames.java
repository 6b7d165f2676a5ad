package io.pgflo.camel.naming;

import java.util.regex.Pattern;

/**
 * Every per-group object name, in one place, spelled as pg_flo spells them so that its users' slots,
 * streams and consumers carry over.
 */
public final class PgFloNames {

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]+");

    private PgFloNames() {
    }

    /** Rejects a group name that would not make valid slot, stream and subject names. */
    public static String requireValidGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("group '" + group + "' is not valid; expected letters, digits, '_' or '-'");
        }
        return group;
    }

    /** pg_flo uses one name for the publication and the slot. */
    public static String publication(String group) {
        return "pg_flo_" + sqlSafe(group) + "_publication";
    }

    public static String replicationSlot(String group) {
        return publication(group);
    }

    public static String stream(String group) {
        return "pgflo_" + requireValidGroup(group) + "_stream";
    }

    public static String subject(String group) {
        return "pgflo." + requireValidGroup(group);
    }

    public static String durableConsumer(String group) {
        return "pgflo_" + requireValidGroup(group) + "_consumer";
    }

    /** Dead letters of a group live in a stream of their own, beside the group's stream. */
    public static String deadLetterStream(String group) {
        return "pgflo_" + requireValidGroup(group) + "_dlq";
    }

    public static String deadLetterSubject(String group) {
        return subject(group) + ".dlq";
    }

    /**
     * Prefix of the logical messages that carry a group's DDL ({@code --track-ddl}). Every group's prefix
     * starts with {@link #DDL_PREFIX_BASE}, because pgoutput sends a database's messages to every slot.
     */
    public static String ddlMessagePrefix(String group) {
        return DDL_PREFIX_BASE + requireValidGroup(group);
    }

    public static final String DDL_PREFIX_BASE = "pgflo.ddl.";

    public static String stateBucket(String group) {
        return "pg_flo_state_" + requireValidGroup(group);
    }

    private static String sqlSafe(String group) {
        return requireValidGroup(group).replace('-', '_').toLowerCase(java.util.Locale.ROOT);
    }
}
