package io.pgflo.camel.sink.postgres;

import io.pgflo.camel.event.TableName;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A table as the target database has it: its columns, the key that identifies a row there (its primary
 * key, else a usable unique index; empty when it has neither), and each column's type as a cast target.
 * A value, not a record, so that its hash is computed once: it is part of the key of every planned statement's
 * cached SQL.
 */
public final class TargetTable {

    private final TableName name;
    private final Set<String> columns;
    private final List<String> key;
    private final Map<String, String> types;
    private final Map<String, Long> typeOids;
    private final int hash;

    /**
     * @param types    by column, what a value for it is cast to: the column's type (a domain's base type) as a
     *                 quoted, schema-qualified name without a type modifier, so the cast reads text with the
     *                 type's input function as an untyped parameter would; a column missing here is applied
     *                 one statement per change
     * @param typeOids by column, the OID of the column's type
     */
    public TargetTable(TableName name, Set<String> columns, List<String> key, Map<String, String> types,
                       Map<String, Long> typeOids) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = Set.copyOf(columns);
        this.key = List.copyOf(key);
        this.types = Map.copyOf(types);
        this.typeOids = Map.copyOf(typeOids);
        this.hash = Objects.hash(name, this.columns, this.key, this.types, this.typeOids);
    }

    public TargetTable(TableName name, Set<String> columns, List<String> key) {
        this(name, columns, key, Map.of(), Map.of());
    }

    public TableName name() {
        return name;
    }

    public Set<String> columns() {
        return columns;
    }

    public List<String> key() {
        return key;
    }

    public Map<String, String> types() {
        return types;
    }

    public Map<String, Long> typeOids() {
        return typeOids;
    }

    public boolean hasKey() {
        return !key.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof TargetTable other && hash == other.hash && name.equals(other.name)
                && columns.equals(other.columns) && key.equals(other.key) && types.equals(other.types)
                && typeOids.equals(other.typeOids);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TargetTable[" + name + ", columns=" + columns + ", key=" + key + "]";
    }
}
