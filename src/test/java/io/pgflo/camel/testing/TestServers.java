package io.pgflo.camel.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The one place tests get their servers, tried in this order:
 * <ol>
 *   <li>{@code PGFLO_TEST_PG_URL} / {@code PGFLO_TEST_NATS_URL} when set;</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>local binaries (PostgreSQL from {@code /usr/lib/postgresql/N/bin}, {@code nats-server} from PATH),
 *       started once per JVM on free ports and stopped when it exits;</li>
 *   <li>otherwise a failure that says what to install. Never a skip.</li>
 * </ol>
 */
public final class TestServers {

    public static final String PG_URL_ENV = "PGFLO_TEST_PG_URL";
    public static final String NATS_URL_ENV = "PGFLO_TEST_NATS_URL";

    private static PgServer postgres;
    private static NatsServer nats;
    private static Boolean docker;

    private TestServers() {
    }

    public static synchronized PgServer postgres() {
        if (postgres == null) {
            postgres = requireLogical(findPostgres());
        }
        return postgres;
    }

    /** A second, independent PostgreSQL, for benchmarks that need a separate target server. */
    public static PgServer secondPostgres() {
        if (dockerAvailable()) {
            return ContainerServers.postgres();
        }
        return LocalServers.postgres();
    }

    public static synchronized NatsServer nats() {
        if (nats == null) {
            nats = findNats();
        }
        return nats;
    }

    private static PgServer findPostgres() {
        String url = System.getenv(PG_URL_ENV);
        if (url != null && !url.isBlank()) {
            return parsePgUrl(url.trim());
        }
        if (dockerAvailable()) {
            return ContainerServers.postgres();
        }
        if (io.pgflo.camel.localserver.LocalPostgres.binaries() != null) {
            return LocalServers.postgres();
        }
        throw new IllegalStateException("No PostgreSQL for the tests. Set " + PG_URL_ENV
                + "=postgresql://user:password@host:port/postgres (a server with wal_level=logical), start a Docker"
                + " engine, or install the server binaries: apt-get install -y postgresql");
    }

    private static NatsServer findNats() {
        String url = System.getenv(NATS_URL_ENV);
        if (url != null && !url.isBlank()) {
            return new NatsServer(url.trim(), NATS_URL_ENV);
        }
        if (dockerAvailable()) {
            return ContainerServers.nats();
        }
        if (io.pgflo.camel.localserver.LocalNats.binary() != null) {
            return LocalServers.nats();
        }
        throw new IllegalStateException("No NATS server for the tests. Set " + NATS_URL_ENV
                + "=nats://host:4222 (JetStream enabled), start a Docker engine, or install it: apt-get install -y nats-server");
    }

    private static synchronized boolean dockerAvailable() {
        if (docker == null) {
            docker = ContainerServers.dockerAvailable();
        }
        return docker;
    }

    /** Accepts {@code postgresql://user:pass@host:port/db} and {@code jdbc:postgresql://host:port/db?user=..&password=..}. */
    static PgServer parsePgUrl(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri = URI.create(plain);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalStateException(PG_URL_ENV + " must start with postgresql:// or jdbc:postgresql://, got " + uri.getScheme());
        }
        String user = "postgres";
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv.length == 2 && kv[0].equals("password")) {
                    password = kv[1];
                }
            }
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new PgServer(uri.getHost(), port, user, password, db, PG_URL_ENV);
    }

    private static PgServer requireLogical(PgServer server) {
        try (Connection c = server.connect(server.adminDatabase()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            if (!"logical".equals(rs.getString(1))) {
                throw new IllegalStateException(server + " has wal_level=" + rs.getString(1)
                        + "; the tests need wal_level=logical (ALTER SYSTEM SET wal_level = logical, then restart)");
            }
            return server;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }
}
