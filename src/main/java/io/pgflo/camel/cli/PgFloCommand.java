package io.pgflo.camel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command, named like pg_flo's so its users' scripts keep working. */
@Command(name = "pgflo", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Move and transform data between PostgreSQL databases with logical replication, as Apache Camel routes.",
        subcommands = {ReplicatorCommand.class, WorkerCommand.class, CleanupCommand.class, RunCommand.class, DemoCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
final class PgFloCommand {

    // Read before parsing (see PgFloCli) so that its values can be defaults; declared here for help and validation.
    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT,
            description = "YAML file of settings, keyed by flag name. Flags win over PG_FLO_* variables, which win over the file.")
    String config;
}
