package io.pgflo.camel.cli;

import java.util.Map;

/** A command that runs routes; its settings resolve to the routes' Camel properties. */
interface PipelineCommand {

    /** Validates the settings and returns the routes' properties; throws {@link CliException} when one is bad. */
    Map<String, String> properties();
}
