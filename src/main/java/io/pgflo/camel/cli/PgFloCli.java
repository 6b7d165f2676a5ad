package io.pgflo.camel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/** Parses pg_flo's command line, config file and environment, and runs the chosen command. */
public final class PgFloCli {

    private PgFloCli() {
    }

    /** @return the exit code: 0 on success, 2 for bad settings, 1 when the pipeline failed */
    public static int execute(String[] args, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new PgFloCommand());
        PrintWriter err = commandLine.getErr();
        ConfigFile config;
        try {
            Path path = configPath(args, environment);
            config = path == null ? ConfigFile.none() : ConfigFile.load(path, flagNames(commandLine));
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        commandLine.setDefaultValueProvider(new SettingsDefaults(environment, config));
        commandLine.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the flags.");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof CliException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            cmd.getErr().println("error: " + e.getMessage());
            throw e;
        });
        return commandLine.execute(args);
    }

    /**
     * Resolves a pipeline command's settings without running it, for checks and tests.
     *
     * @throws CliException for a bad flag, file or value
     */
    public static Map<String, String> resolve(String[] args, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new PgFloCommand());
        Path path = configPath(args, environment);
        ConfigFile config = path == null ? ConfigFile.none() : ConfigFile.load(path, flagNames(commandLine));
        commandLine.setDefaultValueProvider(new SettingsDefaults(environment, config));
        CommandLine.ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new CliException(e.getMessage());
        }
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        Object command = result.commandSpec().userObject();
        if (!(command instanceof PipelineCommand pipeline)) {
            throw new CliException("'" + result.commandSpec().qualifiedName() + "' is not a pipeline command");
        }
        return pipeline.properties();
    }

    /** {@code --config FILE}, {@code --config=FILE}, or PG_FLO_CONFIG. */
    static Path configPath(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new CliException("--config needs a file name");
                }
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnvironment = environment.get("PG_FLO_CONFIG");
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    /** Every long flag of every command, without dashes: the keys a config file may hold. */
    static Set<String> flagNames(CommandLine commandLine) {
        Set<String> names = new TreeSet<>();
        collect(commandLine, names);
        names.remove("config");
        names.remove("help");
        names.remove("version");
        return names;
    }

    private static void collect(CommandLine commandLine, Set<String> names) {
        for (CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options()) {
            if (option.longestName().startsWith("--")) {
                names.add(option.longestName().substring(2));
            }
        }
        commandLine.getSubcommands().values().forEach(sub -> collect(sub, names));
    }
}
