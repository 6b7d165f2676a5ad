package io.pgflo.camel.event;

import io.pgflo.camel.pgoutput.ReplicaIdentity;
import java.util.List;

/** A table's columns and identity as the latest Relation message described them. */
record RelationShape(TableName table, List<ColumnInfo> columns, ReplicaIdentity replicaIdentity) {

    RelationShape {
        columns = List.copyOf(columns);
    }
}
