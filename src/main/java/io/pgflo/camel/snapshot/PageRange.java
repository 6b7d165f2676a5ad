package io.pgflo.camel.snapshot;

/**
 * Heap pages {@code [firstPage, endPage)} of a table; an {@code endPage} of -1 leaves the range open, so the
 * last range also holds rows on pages added after the table's size was read.
 */
public record PageRange(long firstPage, long endPage) {

    public PageRange {
        if (firstPage < 0 || endPage != -1 && endPage <= firstPage) {
            throw new IllegalArgumentException("not a page range: [" + firstPage + ", " + endPage + ")");
        }
    }

    public boolean open() {
        return endPage == -1;
    }

    /** The condition selecting the range's rows by ctid; a TID range scan reads just those pages. */
    public String ctidCondition() {
        String from = "ctid >= '(" + firstPage + ",0)'::tid";
        return open() ? from : from + " AND ctid < '(" + endPage + ",0)'::tid";
    }

    @Override
    public String toString() {
        return "pages " + firstPage + (open() ? "+" : "-" + (endPage - 1));
    }
}
