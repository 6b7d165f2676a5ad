package io.pgflo.camel.cli;

import io.pgflo.camel.app.PipelineRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgflo replicator}: streams a source database into the group's JetStream stream. */
@Command(name = "replicator", mixinStandardHelpOptions = true,
        description = "Stream a PostgreSQL database's changes into NATS JetStream.")
final class ReplicatorCommand implements Callable<Integer>, PipelineCommand {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--host", description = "Source host (required).")
    String host;

    @Option(names = "--port", defaultValue = "5432", description = "Source port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dbname", description = "Source database (required).")
    String dbname;

    @Option(names = "--user", description = "Source user, with the REPLICATION attribute (required).")
    String user;

    @Option(names = "--password", description = "Source password; prefer PG_FLO_PASSWORD over the command line.")
    String password;

    @Option(names = "--schema", defaultValue = "public", description = "Schema of the tables (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--tables", description = "Comma-separated tables; empty means every table of the schema.")
    String tables;

    // fallbackValue keeps a flag true when PG_FLO_* or the config file already set it: picocli would flip it.
    @Option(names = "--stream", fallbackValue = "true", description = "Stream changes (the default).")
    boolean stream;

    @Option(names = "--copy", fallbackValue = "true", description = "Copy the tables, then exit.")
    boolean copy;

    @Option(names = "--copy-and-stream", fallbackValue = "true", description = "Copy the tables, then stream from the copy's snapshot.")
    boolean copyAndStream;

    @Option(names = "--max-copy-workers-per-table", defaultValue = "4", description = "Parallel copy workers per table.")
    int maxCopyWorkersPerTable;

    @Option(names = "--max-copy-connections", defaultValue = "8",
            description = "Most copy workers, and so source connections, at once over all tables (default ${DEFAULT-VALUE}).")
    int maxCopyConnections;

    @Option(names = "--copy-pages-per-range", defaultValue = "2048",
            description = "Largest page range (8 kB pages) a copy worker reads at once; a restart copies the ranges in"
                    + " progress again (default ${DEFAULT-VALUE}).")
    long copyPagesPerRange;

    @Option(names = "--track-ddl", fallbackValue = "true", description = "Capture schema changes (ALTER TABLE, CREATE and DROP INDEX) of the group's tables through the"
            + " WAL, in order with the rows; installs event triggers, so it needs a superuser.")
    boolean trackDdl;

    @Option(names = "--max-message-bytes", defaultValue = "921600",
            description = "Largest NATS message; keep it under the server's max_payload (1 MB by default). A single change"
                    + " larger than this stops the replicator with a clear error (default ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--retry-max-attempts", defaultValue = "3",
            description = "Kept for pg_flo compatibility; the replicator retries without limit, with back-off.")
    int retryMaxAttempts;

    @Option(names = "--retry-initial-wait", defaultValue = "1s", description = "First wait before reconnecting.")
    String retryInitialWait;

    @Option(names = "--retry-max-wait", defaultValue = "8s", description = "Longest wait between reconnections.")
    String retryMaxWait;

    /** Validates the settings and turns them into the replicator route's properties. */
    @Override
    public Map<String, String> properties() {
        common.require();
        Settings.required("host", host);
        Settings.required("dbname", dbname);
        Settings.required("user", user);
        Settings.duration("retry-initial-wait", retryInitialWait);
        Settings.duration("retry-max-wait", retryMaxWait);
        if (port < 1 || port > 65535) {
            throw new CliException("--port is " + port + "; expected 1 to 65535");
        }
        if ((stream ? 1 : 0) + (copy ? 1 : 0) + (copyAndStream ? 1 : 0) > 1) {
            throw new CliException("--stream, --copy and --copy-and-stream exclude one another; give one");
        }
        if (maxCopyWorkersPerTable < 1) {
            throw new CliException("--max-copy-workers-per-table is " + maxCopyWorkersPerTable + "; expected at least 1");
        }
        if (copyPagesPerRange < 1) {
            throw new CliException("--copy-pages-per-range is " + copyPagesPerRange + "; expected at least 1");
        }
        if (maxCopyConnections < 1) {
            throw new CliException("--max-copy-connections is " + maxCopyConnections + "; expected at least 1");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        common.putInto(properties);
        properties.put("pgflo.source.host", host);
        properties.put("pgflo.source.port", String.valueOf(port));
        properties.put("pgflo.source.dbname", dbname);
        properties.put("pgflo.source.user", user);
        properties.put("pgflo.source.password", password == null ? "" : password);
        properties.put("pgflo.source.schema", schema);
        properties.put("pgflo.source.tables", tables == null ? "" : tables);
        if (maxMessageBytes < 1024) {
            throw new CliException("--max-message-bytes is " + maxMessageBytes + "; expected at least 1024");
        }
        properties.put("pgflo.nats.max-message-bytes", String.valueOf(maxMessageBytes));
        properties.put("pgflo.replicator.mode", mode());
        properties.put("pgflo.copy.workers-per-table", String.valueOf(maxCopyWorkersPerTable));
        properties.put("pgflo.copy.max-connections", String.valueOf(maxCopyConnections));
        properties.put("pgflo.copy.pages-per-range", String.valueOf(copyPagesPerRange));
        properties.put("pgflo.replicator.track-ddl", String.valueOf(trackDdl));
        properties.put("pgflo.retry.initial-wait", retryInitialWait);
        properties.put("pgflo.retry.max-wait", retryMaxWait);
        return properties;
    }

    String mode() {
        return copy ? "copy" : copyAndStream ? "copy-and-stream" : "stream";
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> properties = properties();
        List<String> routes = List.of(RouteFiles.location("replicator.yaml"));
        if (copy) {
            return PipelineRunner.runUntilCopied(routes, properties);
        }
        return PipelineRunner.run(routes, properties);
    }
}
