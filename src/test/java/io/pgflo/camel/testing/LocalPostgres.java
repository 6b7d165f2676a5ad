package io.pgflo.camel.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a throwaway PostgreSQL from the machine's server binaries, with wal_level=logical, on a free
 * port and a data directory under the build's work directory. Runs it as the {@code postgres} user when
 * this process is root, since initdb and postgres refuse root. Stopped and removed when the JVM exits.
 */
final class LocalPostgres {

    private LocalPostgres() {
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb, or {@code PGFLO_TEST_PG_BIN}; null if none. */
    static Path binaries() {
        String override = System.getenv("PGFLO_TEST_PG_BIN");
        if (override != null && Files.isExecutable(Paths.get(override, "initdb"))) {
            return Paths.get(override);
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return null;
        }
        return Arrays.stream(versions)
                .map(v -> v.toPath().resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                .max(Comparator.comparingInt(bin -> versionOf(bin.getParent().getFileName().toString())))
                .orElse(null);
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static PgServer start() {
        Path bin = binaries();
        int port = Ports.free();
        Path dir = WorkDir.create("pg-" + port);
        Path data = dir.resolve("data");
        Path log = dir.resolve("postgres.log");
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            if (root) {
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, bin, data, root, dir)));
            PgServer pg = new PgServer("127.0.0.1", port, "postgres", null, "postgres",
                    "local binaries " + bin + ", data " + data);
            awaitReady(pg, server, log);
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("starting PostgreSQL from " + bin + " failed: " + e.getMessage(), e);
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

    private static void awaitReady(PgServer pg, Process server, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited during start:\n" + Files.readString(log));
            }
            try (Connection ignored = pg.connect("postgres")) {
                return;
            } catch (java.sql.SQLException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s:\n" + Files.readString(log));
    }

    private static void stop(Process server, Path bin, Path data, boolean root, Path dir) {
        try {
            Process stop = new ProcessBuilder(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-m", "immediate", "-w", "stop")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            stop.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            server.destroyForcibly();
        }
        WorkDir.delete(dir);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
