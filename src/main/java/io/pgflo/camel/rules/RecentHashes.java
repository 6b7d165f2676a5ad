package io.pgflo.camel.rules;

import io.pgflo.camel.pgoutput.TupleValue;

/**
 * The hash rule's latest results by value, so a value seen again is not hashed again. The hash rule exists
 * for pseudonymised joins, and join keys (account, customer, tenant ids) repeat across a change stream far
 * more than they differ: every order of one customer carries the same id.
 *
 * <p>Direct-mapped and bounded: a value's slot is chosen by its hash code and a newer value takes the slot
 * over. A miss costs one array read and a failed comparison. Only short values are kept (long texts are
 * rarely join keys, and a slot must not pin a large value in memory), so the table holds at most
 * {@code SLOTS} short strings and their 64-digit results. Thread-safe without locks: entries are immutable
 * and a slot's reference is replaced whole, so a racing reader sees an old entry or a new one, never a torn
 * one, and an entry only answers for the exact value it holds.
 */
final class RecentHashes {

    private static final int SLOTS = 4096;
    /** Longer values are hashed every time and never kept. */
    static final int MAX_KEPT_LENGTH = 64;

    private record Entry(String value, TupleValue.Text hashed) { }

    private final Entry[] slots = new Entry[SLOTS];

    /** The result kept for exactly this value, or null. */
    TupleValue.Text get(String value) {
        if (value.length() > MAX_KEPT_LENGTH) {
            return null;
        }
        Entry entry = slots[slot(value)];
        return entry != null && entry.value().equals(value) ? entry.hashed() : null;
    }

    void put(String value, TupleValue.Text hashed) {
        if (value.length() <= MAX_KEPT_LENGTH) {
            slots[slot(value)] = new Entry(value, hashed);
        }
    }

    private static int slot(String value) {
        int h = value.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
