package io.pgflo.camel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pgflo version}. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer> {

    static String version() {
        java.util.Properties versions = new java.util.Properties();
        try (var in = VersionCommand.class.getResourceAsStream("/pgflo-version.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading pgflo-version.properties from the jar", e);
        }
        return "pgflo-camel " + versions.getProperty("pgflo.version", "unknown") + " (Apache Camel "
                + versions.getProperty("camel.version", "unknown") + ", Java " + System.getProperty("java.version") + ")";
    }

    @Override
    public Integer call() {
        System.out.println(version());
        return 0;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }
}
