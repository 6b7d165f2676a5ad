package io.pgflo.camel.app;

import org.apache.camel.main.Main;

/**
 * Entry point of {@code target/pgflo.jar}: a camel-main application that loads the YAML routes in
 * {@code routes/} (or {@code camel.main.routes-include-pattern}) and {@code application.properties}.
 */
public final class PgFloMain {

    private PgFloMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(PgFloMain.class);
        main.addInitialProperty("camel.main.name", "pgflo");
        main.addInitialProperty("camel.main.routes-include-pattern", "file:routes/*.yaml");
        System.exit(main.run(args));
    }
}
