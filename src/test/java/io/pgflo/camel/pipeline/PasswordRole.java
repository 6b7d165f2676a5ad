package io.pgflo.camel.pipeline;

import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A login role that must give its password, even on a test server that trusts every local connection:
 * a line for this role alone goes at the top of pg_hba.conf (written by the server itself, as superuser),
 * and closing puts the file back and drops the role.
 */
final class PasswordRole implements AutoCloseable {

    private final PgServer server;
    private final String name;
    private final String password;
    private final String hbaFile;
    private final String originalHba;

    private PasswordRole(PgServer server, String name, String password, String hbaFile, String originalHba) {
        this.server = server;
        this.name = name;
        this.password = password;
        this.hbaFile = hbaFile;
        this.originalHba = originalHba;
    }

    static PasswordRole create(PgServer server) throws Exception {
        String name = TestNames.unique("pw_role");
        String password = "right-" + name;
        try (Connection admin = server.connect(server.adminDatabase()); Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            String hbaFile;
            String original;
            try (ResultSet rs = st.executeQuery("SELECT current_setting('hba_file'), pg_read_file(current_setting('hba_file'))")) {
                rs.next();
                hbaFile = rs.getString(1);
                original = rs.getString(2);
            }
            PasswordRole role = new PasswordRole(server, name, password, hbaFile, original);
            role.writeHba(admin, "host all " + name + " 127.0.0.1/32 scram-sha-256\nhost all " + name
                    + " ::1/128 scram-sha-256\n" + original);
            role.awaitPasswordRequired();
            return role;
        }
    }

    String name() {
        return name;
    }

    String password() {
        return password;
    }

    /** Writes the file line by line; CSV with control characters as delimiter and quote keeps every line verbatim. */
    private void writeHba(Connection admin, String content) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS hba_lines(n int, line text)");
            st.execute("TRUNCATE hba_lines");
        }
        try (PreparedStatement ps = admin.prepareStatement("INSERT INTO hba_lines SELECT n, nullif(l, '')"
                + " FROM unnest(string_to_array(?, E'\\n')) WITH ORDINALITY AS x(l, n)")) {
            ps.setString(1, content);
            ps.execute();
        }
        try (Statement st = admin.createStatement()) {
            st.execute("COPY (SELECT line FROM hba_lines ORDER BY n) TO '" + hbaFile.replace("'", "''")
                    + "' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')");
            st.execute("SELECT pg_reload_conf()");
        }
    }

    /** The reload is asynchronous: waits until a wrong password is refused, which the tests rely on. */
    private void awaitPasswordRequired() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Properties props = new Properties();
            props.setProperty("user", name);
            props.setProperty("password", "wrong");
            try (Connection ignored = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), props)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the server at " + server + " still lets " + name + " in with a wrong password"
                            + " after rewriting " + hbaFile);
                }
                Thread.sleep(100);
            } catch (SQLException refused) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        try (Connection admin = server.connect(server.adminDatabase()); Statement st = admin.createStatement()) {
            writeHba(admin, originalHba);
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + name + "'");
            st.execute("DROP OWNED BY " + name + " CASCADE");
            st.execute("DROP ROLE " + name);
        }
    }
}
