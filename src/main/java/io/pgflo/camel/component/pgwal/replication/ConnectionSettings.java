package io.pgflo.camel.component.pgwal.replication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Where and how to connect to the source. The password is held here only to build connection
 * properties and never appears in {@link #toString()}.
 */
public final class ConnectionSettings {

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String sslMode;
    private final Map<String, Object> extraProperties;
    private final long connectTimeoutMillis;

    public ConnectionSettings(String host, int port, String database, String user, String password, String sslMode,
                              Map<String, Object> extraProperties, long connectTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.sslMode = sslMode;
        this.extraProperties = Map.copyOf(extraProperties);
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public String database() {
        return database;
    }

    /** An ordinary SQL connection, for catalog queries and setup. */
    public Connection openSql() throws SQLException {
        return DriverManager.getConnection(url(), properties(false));
    }

    /** A logical replication connection; no other SQL may run on it while it streams. */
    public Connection openReplication() throws SQLException {
        return DriverManager.getConnection(url(), properties(true));
    }

    private String url() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/";
    }

    private Properties properties(boolean replication) {
        Properties props = new Properties();
        extraProperties.forEach((key, value) -> props.setProperty(key, String.valueOf(value)));
        PGProperty.PG_DBNAME.set(props, database);
        PGProperty.USER.set(props, user);
        if (password != null) {
            PGProperty.PASSWORD.set(props, password);
        }
        if (sslMode != null) {
            PGProperty.SSL_MODE.set(props, sslMode);
        }
        PGProperty.CONNECT_TIMEOUT.set(props, (int) Math.max(1, connectTimeoutMillis / 1000));
        props.putIfAbsent(PGProperty.APPLICATION_NAME.getName(), replication ? "pgflo-pgwal" : "pgflo-pgwal-setup");
        if (replication) {
            PGProperty.REPLICATION.set(props, "database");
            PGProperty.PREFER_QUERY_MODE.set(props, "simple");
            PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        }
        return props;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
