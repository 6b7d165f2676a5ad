package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.Lsn;

/**
 * Where a change stands in the source's commit order: its transaction's commit LSN and its ordinal in
 * that transaction. Positions rise strictly along the stream, whatever the chunking, so a sink that
 * remembers the last position it applied can recognise a redelivered change.
 */
public record Position(Lsn commitLsn, long seq) implements Comparable<Position> {

    public Position {
        if (commitLsn == null) {
            throw new IllegalArgumentException("commit LSN must not be null");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, got " + seq);
        }
    }

    /** Parses {@link #toString()}'s {@code X/Y:seq} form. */
    public static Position parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a position; expected X/Y:seq, for example 16/3002D50:7");
        }
        try {
            return new Position(Lsn.parse(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a position; expected X/Y:seq, for example 16/3002D50:7", e);
        }
    }

    @Override
    public int compareTo(Position other) {
        int byLsn = commitLsn.compareTo(other.commitLsn);
        return byLsn != 0 ? byLsn : Long.compare(seq, other.seq);
    }

    public boolean isAfter(Position other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return commitLsn + ":" + seq;
    }
}
