package io.pgflo.camel.schemadump;

import io.pgflo.camel.event.TableName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What schema sync creates on the target: the group's tables the target lacks, with the schemas, types
 * and sequences they need and the target lacks too. Whatever the target already has is kept as it is and
 * not compared with the source, so a second start, or another group sharing a type, creates nothing twice.
 *
 * @param tables    tables to create, in the source's order
 * @param sequences sequences the tables' defaults use (owned ones too), to dump with the tables
 * @param types     enum, composite, domain and range types the tables' columns use, to create first
 * @param schemas   schemas to create before anything else
 */
public record SyncPlan(List<TableName> tables, List<ObjectName> sequences, List<ObjectName> types, List<String> schemas) {

    public SyncPlan {
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        types = List.copyOf(types);
        schemas = List.copyOf(schemas);
    }

    /** The group's tables the target lacks. */
    public static List<TableName> missingTables(Collection<TableName> groupTables, Set<TableName> onTarget) {
        List<TableName> missing = new ArrayList<>();
        for (TableName table : groupTables) {
            if (!onTarget.contains(table)) {
                missing.add(table);
            }
        }
        return missing;
    }

    /**
     * @param usedTypes        types the missing tables use, dependencies first, as the source reports them
     * @param usedSequences    sequences their defaults use
     * @param existingTypes    those of {@code usedTypes} the target has
     * @param existingSequences those of {@code usedSequences} the target has
     * @param existingSchemas  schemas the target has
     */
    public static SyncPlan of(List<TableName> missingTables, List<ObjectName> usedTypes, List<ObjectName> usedSequences,
            Set<ObjectName> existingTypes, Set<ObjectName> existingSequences, Set<String> existingSchemas) {
        List<ObjectName> types = usedTypes.stream().filter(t -> !existingTypes.contains(t)).distinct().toList();
        List<ObjectName> sequences = usedSequences.stream().filter(s -> !existingSequences.contains(s)).distinct().toList();
        Set<String> schemas = new LinkedHashSet<>();
        missingTables.forEach(t -> schemas.add(t.schema()));
        types.forEach(t -> schemas.add(t.schema()));
        sequences.forEach(s -> schemas.add(s.schema()));
        schemas.removeAll(existingSchemas);
        return new SyncPlan(missingTables, sequences, types, new ArrayList<>(schemas));
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    /** What the relations dump selects: the tables, then the sequences. */
    public List<TableName> relationsToDump() {
        List<TableName> relations = new ArrayList<>(tables);
        sequences.forEach(s -> relations.add(new TableName(s.schema(), s.name())));
        return relations;
    }

    /** The schemas whose types dump holds {@link #types()}. */
    public List<String> typeSchemas() {
        return types.stream().map(ObjectName::schema).distinct().toList();
    }
}
