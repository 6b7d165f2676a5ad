package io.pgflo.camel.snapshot;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import java.util.List;

/**
 * A source table to copy, described the way pgoutput describes it, so its copied rows look exactly like
 * streamed ones.
 *
 * @param columns       the columns pgoutput sends (no dropped or generated ones), in table order, with
 *                      the replica-identity columns marked
 * @param pages         its size in pages, from the size on disk
 * @param estimatedRows the planner's estimate, or -1 when the table was never analyzed
 */
public record CopyTable(TableName name, List<ColumnInfo> columns, ReplicaIdentity identity, long pages,
                        long estimatedRows) {

    public CopyTable {
        columns = List.copyOf(columns);
    }

    /** Whether updates and deletes can find the table's rows on a target. */
    public boolean hasKey() {
        return columns.stream().anyMatch(ColumnInfo::key);
    }
}
