package io.pgflo.camel.schemasync;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Where a database is and how to log in; {@link #toString()} leaves the password out. */
public record PgEndpoint(String host, int port, String database, String user, String password) {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "pgflo-schema-sync");
        props.setProperty("connectTimeout", "30");
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return DriverManager.getConnection("jdbc:postgresql://" + hostPart + ":" + port + "/", withDatabase(props));
    }

    private Properties withDatabase(Properties props) {
        // As a property, a database name with '/', '?' or '&' needs no URL escaping.
        props.setProperty("PGDBNAME", database);
        return props;
    }

    /**
     * libpq's variables for a child process such as pg_dump: the password travels in PGPASSWORD, never on
     * its command line, where any user of the machine could read it.
     */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", String.valueOf(port));
        env.put("PGDATABASE", database);
        env.put("PGUSER", user);
        if (password != null && !password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        env.put("PGCONNECT_TIMEOUT", "30");
        env.put("PGAPPNAME", "pgflo-schema-sync");
        return env;
    }

    @Override
    public String toString() {
        return "database " + database + " at " + host + ":" + port + " as " + user;
    }
}
