package io.pgflo.camel.cli;

import picocli.CommandLine.Command;

/** {@code pgflo worker <sink>}: consumes the group's stream into a sink. */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Consume the group's changes into a sink.",
        subcommands = {WorkerSinkCommand.Stdout.class, WorkerSinkCommand.File.class, WorkerSinkCommand.Postgres.class,
                WorkerSinkCommand.Webhook.class})
final class WorkerCommand {
}
