package io.pgflo.camel.schemasync;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.schemadump.DumpEntry;
import io.pgflo.camel.schemadump.DumpScript;
import io.pgflo.camel.schemadump.ObjectName;
import io.pgflo.camel.schemadump.PgDumpArguments;
import io.pgflo.camel.schemadump.PgDumpBinary;
import io.pgflo.camel.schemadump.SchemaDumpException;
import io.pgflo.camel.schemadump.SyncPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --target-sync-schema}: before the worker consumes, creates on the target the group's tables the
 * target lacks, as the source defines them, with the schemas, types and sequences they need.
 *
 * <p>Tables that exist on the target are left alone, so a second start creates nothing. Everything is
 * created in one target transaction: a failure leaves the target as it was.
 */
public final class SchemaSync {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaSync.class);

    private final PgEndpoint source;
    private final PgEndpoint target;
    private final String schema;
    private final List<TableName> tables;

    /** @param tables the group's tables, or empty for every table of {@code schema} */
    public SchemaSync(PgEndpoint source, PgEndpoint target, String schema, List<TableName> tables) {
        this.source = source;
        this.target = target;
        this.schema = schema;
        this.tables = List.copyOf(tables);
    }

    /**
     * @return the tables created
     * @throws SchemaDumpException naming what failed: a connection, pg_dump (with its error output) or the
     *                             object of the dump the target rejected
     */
    public List<TableName> run() {
        try (Connection sourceConnection = open(source, "source"); Connection targetConnection = open(target, "target")) {
            SourceSchema sourceSchema = new SourceSchema(sourceConnection, source.toString());
            List<TableName> groupTables = sourceSchema.groupTables(schema, tables);
            if (groupTables.isEmpty()) {
                LOG.warn("Schema sync: schema {} of the source {} has no tables; nothing to create", schema, source);
                return List.of();
            }
            targetConnection.setAutoCommit(false);
            TargetSchema targetSchema = new TargetSchema(targetConnection, target.toString());
            targetSchema.lock();
            List<TableName> missing = SyncPlan.missingTables(groupTables, targetSchema.existingTables(groupTables));
            if (missing.isEmpty()) {
                targetConnection.rollback();
                LOG.info("Schema sync: the target {} has all {} tables of the group; nothing to create", target,
                        groupTables.size());
                return List.of();
            }
            List<ObjectName> types = sourceSchema.typesUsedBy(missing);
            List<ObjectName> sequences = sourceSchema.sequencesUsedBy(missing);
            List<String> schemas = new ArrayList<>();
            missing.forEach(t -> schemas.add(t.schema()));
            types.forEach(t -> schemas.add(t.schema()));
            sequences.forEach(s -> schemas.add(s.schema()));
            SyncPlan plan = SyncPlan.of(missing, types, sequences, targetSchema.existingTypes(types),
                    targetSchema.existingSequences(sequences), targetSchema.existingSchemas(schemas));

            PgDumpBinary pgDump = PgDumpProcess.locate(sourceSchema.serverMajor());
            List<DumpEntry> typeEntries = typeEntries(pgDump, plan);
            DumpScript relations = DumpScript.parse(PgDumpProcess.dump(pgDump,
                    PgDumpArguments.relations(plan.relationsToDump()), source));

            targetSchema.applySettings(relations.settings());
            targetSchema.createSchemas(plan.schemas());
            targetSchema.apply(typeEntries);
            targetSchema.apply(relations.entries());
            targetConnection.commit();
            LOG.info("Schema sync: created on the target {} the tables {}{}{} with {}; kept the {} that existed", target,
                    plan.tables(), plan.types().isEmpty() ? "" : ", the types " + plan.types(),
                    plan.schemas().isEmpty() ? "" : ", the schemas " + plan.schemas(), pgDump,
                    groupTables.size() - missing.size());
            return plan.tables();
        } catch (SQLException e) {
            throw new SchemaDumpException("schema sync failed: " + e.getMessage(), e);
        }
    }

    /** The types to create, picked from a dump of their schemas in pg_dump's order, which puts dependencies first. */
    private List<DumpEntry> typeEntries(PgDumpBinary pgDump, SyncPlan plan) {
        if (plan.types().isEmpty()) {
            return List.of();
        }
        String dump = PgDumpProcess.dump(pgDump, PgDumpArguments.typesOf(plan.typeSchemas()), source);
        return DumpScript.parse(dump).types(plan.types());
    }

    private static Connection open(PgEndpoint endpoint, String role) {
        try {
            return endpoint.connect();
        } catch (SQLException e) {
            throw new SchemaDumpException("cannot connect to the " + role + " " + endpoint + ": " + e.getMessage(), e);
        }
    }
}
