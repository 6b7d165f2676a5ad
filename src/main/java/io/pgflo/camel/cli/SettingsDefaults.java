package io.pgflo.camel.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * pg_flo's precedence below the command line: an option not given as a flag takes its value from
 * {@code PG_FLO_<FLAG>} (upper case, '-' as '_'), then from the config file, then its default.
 */
final class SettingsDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> environment;
    private final ConfigFile config;

    SettingsDefaults(Map<String, String> environment, ConfigFile config) {
        this.environment = environment;
        this.config = config;
    }

    static String environmentName(String flag) {
        return "PG_FLO_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (!(argSpec instanceof CommandLine.Model.OptionSpec option) || !option.longestName().startsWith("--")
                || option.usageHelp() || option.versionHelp()) {
            // PG_FLO_VERSION is commonly set to a version string; it must not become the --version flag.
            return argSpec.defaultValue();
        }
        String flag = option.longestName().substring(2);
        String fromEnvironment = environment.get(environmentName(flag));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String fromFile = config.get(flag);
        return fromFile != null ? fromFile : argSpec.defaultValue();
    }
}
