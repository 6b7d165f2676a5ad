package io.pgflo.camel.pipeline;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.routing.Router;
import io.pgflo.camel.routing.RoutingLoader;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Worker step, after the rules: renames tables and columns by a pg_flo routing file and drops changes
 * whose operation a route does not list.
 */
public class RoutingStage extends ChangeFileStage {

    @Override
    protected UnaryOperator<ChangeRecord> load(Path file, String defaultSchema) {
        Router router = RoutingLoader.load(file, defaultSchema);
        return router.isEmpty() ? null : router::route;
    }
}
