package io.pgflo.camel.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** A PostgreSQL server with wal_level=logical that tests may create databases on. */
public record PgServer(String host, int port, String user, String password, String adminDatabase, String origin) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** libpq connection string for command-line tools such as psql. */
    public String conninfo(String database) {
        return "host=" + host + " port=" + port + " user=" + user + " dbname=" + database
                + (password == null ? "" : " password=" + password);
    }

    /** An existing database of this server, dropped (with its slots) when the handle is closed. */
    public TestDatabase database(String name) {
        return new TestDatabase(this, name);
    }

    /** A fresh database with a unique name, dropped (with its slots) when closed. */
    public TestDatabase createDatabase(String purpose) {
        String name = TestNames.unique(purpose);
        try (Connection admin = connect(adminDatabase); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + name + " on " + this, e);
        }
        return new TestDatabase(this, name);
    }

    @Override
    public String toString() {
        return "PostgreSQL " + host + ":" + port + " (" + origin + ")";
    }
}
