package io.pgflo.camel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pgflo run}: the Camel way, routes from disk and settings from a properties file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run YAML routes with camel-main: settings from application.properties and the environment.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--properties", description = "Properties file, for example routes/application.properties; without it settings come from the environment.")
    Path properties;

    @Option(names = "--routes", defaultValue = "file:routes/*.yaml", description = "Route files (default ${DEFAULT-VALUE}).")
    String routes;

    @Override
    public Integer call() throws Exception {
        // Not Main(RunCommand.class): that scans the package through every jar entry for classes nothing uses.
        Main main = new Main();
        main.addInitialProperty("camel.main.name", "pgflo");
        main.addInitialProperty("camel.main.routes-include-pattern", routes);
        if (properties != null) {
            if (!Files.isRegularFile(properties)) {
                throw new CliException("--properties " + properties + " is not a file");
            }
            main.setPropertyPlaceholderLocations("file:" + properties.toAbsolutePath());
        }
        return main.run(new String[0]);
    }
}
