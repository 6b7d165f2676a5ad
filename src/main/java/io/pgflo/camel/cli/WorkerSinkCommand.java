package io.pgflo.camel.cli;

import io.pgflo.camel.app.PipelineRunner;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.schemadump.SchemaDumpException;
import io.pgflo.camel.schemasync.PgEndpoint;
import io.pgflo.camel.schemasync.SchemaSync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The worker's sinks; each turns its flags into the worker route's sink URI. */
abstract class WorkerSinkCommand implements Callable<Integer>, PipelineCommand {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--rules-config", description = "pg_flo rules file.")
    String rulesConfig;

    @Option(names = "--routing-config", description = "pg_flo routing file.")
    String routingConfig;

    @Option(names = "--schema", defaultValue = "public",
            description = "Schema of unqualified table names in the rules and routing files (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--max-deliver", defaultValue = "5",
            description = "Failed attempts at a message before it goes to the dead-letter stream (default ${DEFAULT-VALUE}).")
    int maxDeliver;

    private static String existingFile(String flag, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new CliException("--" + flag + " " + value + ": no such file");
        }
        return path.toString();
    }

    /** The sink endpoint's URI, after checking this sink's flags. */
    abstract String sinkUri();

    @Override
    public Map<String, String> properties() {
        common.require();
        if (maxDeliver < 1) {
            throw new CliException("--max-deliver is " + maxDeliver + "; expected at least 1");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        common.putInto(properties);
        properties.put("pgflo.source.schema", schema);
        properties.put("pgflo.rules.config", existingFile("rules-config", rulesConfig));
        properties.put("pgflo.routing.config", existingFile("routing-config", routingConfig));
        // Loaded here too, so a bad file is reported before anything starts, naming file, table, rule and key.
        try {
            if (!properties.get("pgflo.rules.config").isEmpty()) {
                io.pgflo.camel.rules.RulesLoader.load(Path.of(properties.get("pgflo.rules.config")), schema);
            }
            if (!properties.get("pgflo.routing.config").isEmpty()) {
                io.pgflo.camel.routing.RoutingLoader.load(Path.of(properties.get("pgflo.routing.config")), schema);
            }
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage());
        }
        properties.put("pgflo.worker.sink-uri", sinkUri());
        properties.put("pgflo.worker.max-deliver", String.valueOf(maxDeliver));
        return properties;
    }

    @Override
    public Integer call() throws Exception {
        return PipelineRunner.run(List.of(RouteFiles.location("worker.yaml")), properties());
    }

    @Command(name = "stdout", mixinStandardHelpOptions = true, description = "Print each change as a JSON line.")
    static final class Stdout extends WorkerSinkCommand {
        @Override
        String sinkUri() {
            return "pgflo-sink:stdout";
        }
    }

    @Command(name = "file", mixinStandardHelpOptions = true, description = "Append changes as JSON lines to rotating files.")
    static final class File extends WorkerSinkCommand {
        @Option(names = "--file-output-dir", description = "Directory of the pg_flo_log_*.jsonl files (required).")
        String outputDir;

        @Option(names = "--file-max-bytes", defaultValue = "104857600", description = "Rotate at this size (default 100 MB).")
        long maxBytes;

        @Option(names = "--file-max-age", defaultValue = "1h", description = "Rotate at this age (default ${DEFAULT-VALUE}).")
        String maxAge;

        @Override
        String sinkUri() {
            Settings.required("file-output-dir", outputDir);
            Settings.duration("file-max-age", maxAge);
            if (maxBytes < 1) {
                throw new CliException("--file-max-bytes is " + maxBytes + "; expected a positive size in bytes");
            }
            return "pgflo-sink:file?directory=RAW(" + Path.of(outputDir).toAbsolutePath() + ")&maxFileBytes=" + maxBytes
                    + "&maxFileAge=" + maxAge;
        }
    }

    @Command(name = "postgres", mixinStandardHelpOptions = true,
            description = "Apply changes to a PostgreSQL database: batched, idempotent, exactly once in effect.")
    static final class Postgres extends WorkerSinkCommand {
        @Option(names = "--target-host", description = "Target host (required).")
        String host;

        @Option(names = "--target-port", defaultValue = "5432", description = "Target port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--target-dbname", description = "Target database (required).")
        String dbname;

        @Option(names = "--target-user", description = "Target user (required).")
        String user;

        @Option(names = "--target-password", description = "Target password; prefer PG_FLO_TARGET_PASSWORD.")
        String password;

        @Option(names = "--target-sync-schema", fallbackValue = "true",
                description = "Before consuming, create on the target the group's tables it lacks, as the source defines"
                        + " them (pg_dump --schema-only), with their schemas, types and sequences. Needs --source-*.")
        boolean syncSchema;

        @Option(names = "--target-disable-foreign-keys", fallbackValue = "true",
                description = "Apply with session_replication_role = replica (foreign keys and triggers do not fire).")
        boolean disableForeignKeys;

        @Option(names = "--target-binary-copy", defaultValue = "true", fallbackValue = "true", arity = "0..1",
                description = "Send runs of new rows to COPY in binary where every column's type allows it (default"
                        + " ${DEFAULT-VALUE}); false sends them as text.")
        boolean binaryCopy;

        @Option(names = "--source-host", description = "Source host, for --target-sync-schema.")
        String sourceHost;

        @Option(names = "--source-port", defaultValue = "5432", description = "Source port (default ${DEFAULT-VALUE}).")
        int sourcePort;

        @Option(names = "--source-dbname", description = "Source database, for --target-sync-schema.")
        String sourceDbname;

        @Option(names = "--source-user", description = "Source user, for --target-sync-schema.")
        String sourceUser;

        @Option(names = "--source-password", description = "Source password; prefer PG_FLO_SOURCE_PASSWORD.")
        String sourcePassword;

        @Option(names = "--tables",
                description = "The group's tables, comma-separated, for --target-sync-schema; empty means every table of --schema.")
        String tables;

        @Spec
        CommandSpec spec;

        @Override
        String sinkUri() {
            Settings.required("target-host", host);
            Settings.required("target-dbname", dbname);
            Settings.required("target-user", user);
            if (port < 1 || port > 65535) {
                throw new CliException("--target-port is " + port + "; expected 1 to 65535");
            }
            return "pgflo-sink:postgres?host=" + host + "&port=" + port + "&database=RAW(" + dbname + ")&user=RAW(" + user + ")"
                    + (password == null || password.isEmpty() ? "" : "&password=RAW(" + password + ")")
                    + "&disableForeignKeys=" + disableForeignKeys + (binaryCopy ? "" : "&binaryCopy=false")
                    + "&sinkName=RAW(" + common.group + ")";
        }

        @Override
        public Map<String, String> properties() {
            Map<String, String> properties = super.properties();
            properties.put("pgflo.target.sync-schema", String.valueOf(syncSchema));
            if (syncSchema) {
                Settings.required("source-host", sourceHost);
                Settings.required("source-dbname", sourceDbname);
                Settings.required("source-user", sourceUser);
                if (sourcePort < 1 || sourcePort > 65535) {
                    throw new CliException("--source-port is " + sourcePort + "; expected 1 to 65535");
                }
                groupTables();
                properties.put("pgflo.sync.source.host", sourceHost);
                properties.put("pgflo.sync.source.port", String.valueOf(sourcePort));
                properties.put("pgflo.sync.source.dbname", sourceDbname);
                properties.put("pgflo.sync.source.user", sourceUser);
                properties.put("pgflo.sync.source.password", sourcePassword == null ? "" : sourcePassword);
                properties.put("pgflo.sync.tables", tables == null ? "" : tables);
            }
            return properties;
        }

        private List<TableName> groupTables() {
            List<TableName> result = new ArrayList<>();
            if (tables == null || tables.isBlank()) {
                return result;
            }
            for (String part : tables.split(",")) {
                try {
                    result.add(TableName.parse(part, schema));
                } catch (IllegalArgumentException e) {
                    throw new CliException("--tables '" + tables + "': " + e.getMessage());
                }
            }
            return result;
        }

        @Override
        public Integer call() throws Exception {
            Map<String, String> properties = properties();
            if (syncSchema) {
                PgEndpoint source = new PgEndpoint(sourceHost, sourcePort, sourceDbname, sourceUser, sourcePassword);
                PgEndpoint target = new PgEndpoint(host, port, dbname, user, password);
                try {
                    new SchemaSync(source, target, schema, groupTables()).run();
                } catch (SchemaDumpException e) {
                    spec.commandLine().getErr().println("error: --target-sync-schema: " + e.getMessage());
                    return 1;
                }
            }
            // Only schema sync needs the source's password; the routes never see it.
            properties.remove("pgflo.sync.source.password");
            return PipelineRunner.run(List.of(RouteFiles.location("worker.yaml")), properties);
        }
    }

    @Command(name = "webhook", mixinStandardHelpOptions = true,
            description = "POST changes as JSON to an HTTP endpoint, with retries, signatures and dead letters.")
    static final class Webhook extends WorkerSinkCommand {
        @Option(names = "--webhook-url", description = "Endpoint to POST to (required).")
        String url;

        @Option(names = "--webhook-batch", fallbackValue = "true",
                description = "Send one JSON array per batch instead of one request per change.")
        boolean batch;

        @Option(names = "--webhook-headers", description = "Extra headers, 'Name:Value;Name2:Value2'; prefer PG_FLO_WEBHOOK_HEADERS.")
        String headers;

        @Option(names = "--webhook-signing-secret",
                description = "Sign each body with HMAC-SHA256 (X-Pgflo-Signature); prefer PG_FLO_WEBHOOK_SIGNING_SECRET.")
        String signingSecret;

        @Option(names = "--webhook-timeout", defaultValue = "30s", description = "Response timeout (default ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        String sinkUri() {
            Settings.required("webhook-url", url);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new CliException("--webhook-url is '" + url + "'; expected an http:// or https:// URL");
            }
            Settings.duration("webhook-timeout", timeout);
            return "pgflo-sink:webhook?url=RAW(" + url + ")&batch=" + batch + "&responseTimeout=" + timeout
                    + (headers == null || headers.isBlank() ? "" : "&headers=RAW(" + headers + ")")
                    + (signingSecret == null || signingSecret.isBlank() ? "" : "&signingSecret=RAW(" + signingSecret + ")");
        }
    }
}
