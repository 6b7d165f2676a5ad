package io.pgflo.camel.app;

import io.pgflo.camel.cli.PgFloCli;

/**
 * Entry point of {@code target/pgflo.jar}: pg_flo's command line ({@code replicator}, {@code worker},
 * {@code cleanup}, {@code version}) and {@code run} for plain camel-main.
 */
public final class PgFloMain {

    private PgFloMain() {
    }

    public static void main(String[] args) {
        System.exit(PgFloCli.execute(args, System.getenv()));
    }
}
