package io.pgflo.camel.app;

import io.pgflo.camel.component.pgwal.PgWalEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Endpoint;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs route files with camel-main until SIGTERM or SIGINT, which drains in-flight exchanges before
 * stopping. Settings are given as Camel properties and win over files and the environment.
 */
public final class PipelineRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private PipelineRunner() {
    }

    /** @return the process exit code: 0 after a clean stop, non-zero when the routes failed to start */
    public static int run(List<String> routeLocations, Map<String, String> properties) throws Exception {
        return create(routeLocations, properties).run(new String[0]);
    }

    /**
     * Runs route files whose {@code pgwal:} consumers copy and stop (mode copy) until every copy finished.
     *
     * @return 0 when every copy finished; 1 when one failed or the process was stopped before the copies
     *         finished (a restart resumes them); camel-main's code when the routes did not start
     */
    public static int runUntilCopied(List<String> routeLocations, Map<String, String> properties) throws Exception {
        Main main = create(routeLocations, properties);
        AtomicBoolean copied = new AtomicBoolean();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                List<CompletableFuture<Void>> copies = new ArrayList<>();
                for (Endpoint endpoint : started.getCamelContext().getEndpoints()) {
                    if (endpoint instanceof PgWalEndpoint pgwal) {
                        copies.add(pgwal.copyOutcome().toCompletableFuture());
                    }
                }
                CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
                    copied.set(error == null);
                    main.completed();
                });
            }
        });
        int code = main.run(new String[0]);
        if (code == 0 && !copied.get()) {
            LOG.error("The copy did not finish; start the replicator again with the same tables to resume it");
            return 1;
        }
        return code;
    }

    /** A camel-main for the routes, not yet started; {@code completed()} stops a running one. */
    public static Main create(List<String> routeLocations, Map<String, String> properties) {
        // Not Main(PipelineRunner.class), which scans its package in every jar entry at start: the components and
        // the pgflo: properties function are found through their META-INF/services files.
        Main main = new Main();
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
