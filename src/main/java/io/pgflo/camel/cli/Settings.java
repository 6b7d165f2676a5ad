package io.pgflo.camel.cli;

/** Checks shared by the commands. */
final class Settings {

    private Settings() {
    }

    static void required(String flag, String value) {
        if (value == null || value.isBlank()) {
            throw new CliException("--" + flag + " is required: give the flag, set " + SettingsDefaults.environmentName(flag)
                    + ", or put '" + flag + "' in the --config file");
        }
    }

    /** A duration as Camel reads it: milliseconds, or units such as 500ms, 30s, 5m, 1h30m, 7d. */
    static void duration(String flag, String value) {
        if (value == null || !value.trim().matches("\\d+|(\\d+(ms|s|m|h|d))+")) {
            throw new CliException("--" + flag + " is '" + value + "'; expected a duration such as 500ms, 30s, 5m, 1h or 7d");
        }
    }
}
