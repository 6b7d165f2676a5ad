package io.pgflo.camel.app;

import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * Runs route files with camel-main until SIGTERM or SIGINT, which drains in-flight exchanges before
 * stopping. Settings are given as Camel properties and win over files and the environment.
 */
public final class PipelineRunner {

    private PipelineRunner() {
    }

    /** @return the process exit code: 0 after a clean stop, non-zero when the routes failed to start */
    public static int run(List<String> routeLocations, Map<String, String> properties) throws Exception {
        return create(routeLocations, properties).run(new String[0]);
    }

    /**
     * Runs route files whose {@code pgwal:} consumers copy and stop (mode copy) until every copy finished.
     *
     * @return 0 when every copy finished, 1 when one failed, or camel-main's code when the routes did not start
     */
    public static int runUntilCopied(List<String> routeLocations, Map<String, String> properties) throws Exception {
        Main main = create(routeLocations, properties);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterStart(org.apache.camel.main.BaseMainSupport started) {
                List<java.util.concurrent.CompletableFuture<Void>> copies = new java.util.ArrayList<>();
                for (org.apache.camel.Endpoint endpoint : started.getCamelContext().getEndpoints()) {
                    if (endpoint instanceof io.pgflo.camel.component.pgwal.PgWalEndpoint pgwal) {
                        copies.add(pgwal.copyOutcome().toCompletableFuture());
                    }
                }
                java.util.concurrent.CompletableFuture.allOf(copies.toArray(java.util.concurrent.CompletableFuture[]::new))
                        .whenComplete((done, error) -> {
                            failed.set(error != null);
                            main.completed();
                        });
            }
        });
        int code = main.run(new String[0]);
        return code != 0 ? code : failed.get() ? 1 : 0;
    }

    /** A camel-main for the routes, not yet started; {@code completed()} stops a running one. */
    public static Main create(List<String> routeLocations, Map<String, String> properties) {
        Main main = new Main(PipelineRunner.class);
        main.addInitialProperty("camel.main.name", "pgflo");
        main.addInitialProperty("camel.main.routes-include-pattern", String.join(",", routeLocations));
        main.addInitialProperty("camel.main.shutdown-timeout", "60");
        // The command line already applied pg_flo's precedence (flag, PG_FLO_*, file); Camel's own mapping of
        // environment variables onto properties (PGFLO_SOURCE_DBNAME for pgflo.source.dbname) must not override it.
        main.addInitialProperty("camel.component.properties.environment-variable-mode", "0");
        properties.forEach(main::addOverrideProperty);
        return main;
    }
}
