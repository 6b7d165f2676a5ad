package io.pgflo.camel.sink.postgres;

import io.pgflo.camel.event.TableName;
import java.util.List;
import java.util.Set;

/**
 * A table as the target database has it: its columns, and the key that identifies a row there (its
 * primary key, else a usable unique index; empty when it has neither).
 */
public record TargetTable(TableName name, Set<String> columns, List<String> key) {

    public TargetTable {
        columns = Set.copyOf(columns);
        key = List.copyOf(key);
    }

    public boolean hasKey() {
        return !key.isEmpty();
    }
}
