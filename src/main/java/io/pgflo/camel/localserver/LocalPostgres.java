package io.pgflo.camel.localserver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL from the machine's server binaries, with wal_level=logical, on a free port and
 * a data directory of its own. Runs as the {@code postgres} user when this process is root, since
 * initdb and postgres refuse root. Used by the demo and by the test harness.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;
    private final Process process;

    private LocalPostgres(Path bin, Path dir, int port, boolean root, Process process) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
        this.process = process;
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb, or {@code PGFLO_PG_BIN}; null if none. */
    public static Path binaries() {
        String override = System.getenv("PGFLO_PG_BIN");
        if (override == null) {
            override = System.getenv("PGFLO_TEST_PG_BIN");
        }
        if (override != null && Files.isExecutable(Paths.get(override, "initdb"))) {
            return Paths.get(override);
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return null;
        }
        return Arrays.stream(versions)
                .map(v -> v.toPath().resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())))
                .orElse(null);
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Initialises and starts a server in {@code dir}, which must not exist yet or be empty.
     *
     * @throws IllegalStateException with the server's own output when it cannot start
     */
    public static LocalPostgres start(Path dir) throws IOException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin;"
                    + " install them with: apt-get install -y postgresql");
        }
        int port = Ports.free();
        Path data = dir.resolve("data");
        Path log = dir.resolve("postgres.log");
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(dir);
        if (root) {
            letOthersTraverse(dir.toAbsolutePath().getParent());
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir.resolve("chown.log"));
        }
        run(asServerUser(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
                "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"), dir.resolve("initdb.log"));
        Process server = new ProcessBuilder(asServerUser(root, bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "wal_level=logical", "-c", "max_replication_slots=64", "-c", "max_wal_senders=64",
                "-c", "max_connections=200", "-c", "fsync=off", "-c", "full_page_writes=off",
                "-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB", "-c", "wal_sender_timeout=60s"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalPostgres postgres = new LocalPostgres(bin, dir, port, root, server);
        try {
            postgres.awaitReady(log);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return "postgres";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws java.sql.SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** The postgres user must reach its data directory through every parent, a private temp dir included. */
    private static void letOthersTraverse(Path directory) throws IOException {
        for (Path p = directory; p != null; p = p.getParent()) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, permissions);
            }
        }
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(Arrays.asList(command));
        return full;
    }

    private static void run(List<String> command, Path log) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited during start:\n" + Files.readString(log));
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (java.sql.SQLException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s:\n" + Files.readString(log));
    }

    /** Restarts the server (fast shutdown, then start), as an operator's restart would; clients lose their connections. */
    public void restart() throws IOException {
        Path log = dir.resolve("restart.log");
        run(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                "-l", dir.resolve("postgres-restarted.log").toString(), "-w", "restart"), log);
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        try {
            Process stop = new ProcessBuilder(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D",
                    dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Directories.delete(dir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
