package io.pgflo.camel.testing;

import io.pgflo.camel.localserver.LocalNats;
import io.pgflo.camel.localserver.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Local-binary servers for a test JVM, under the build's work directory, stopped when the JVM exits. */
final class LocalServers {

    private LocalServers() {
    }

    static PgServer postgres() {
        try {
            LocalPostgres pg = LocalPostgres.start(WorkDir.create("pg"));
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
            return new PgServer(pg.host(), pg.port(), pg.user(), null, "postgres",
                    "local binaries " + LocalPostgres.binaries());
        } catch (IOException e) {
            throw new UncheckedIOException("starting a local PostgreSQL", e);
        }
    }

    static NatsServer nats() {
        try {
            LocalNats nats = LocalNats.start(WorkDir.create("nats"));
            Runtime.getRuntime().addShutdownHook(new Thread(nats::close));
            return new NatsServer(nats.url(), "local binary " + LocalNats.binary());
        } catch (IOException e) {
            throw new UncheckedIOException("starting a local nats-server", e);
        }
    }
}
