package io.pgflo.camel.localserver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway {@code nats-server -js} from PATH on a free port, with its store in a directory of its own. */
public final class LocalNats implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalNats(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** {@code nats-server} on PATH or in /usr/sbin; null if none. */
    public static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/bin";
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "nats-server");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static LocalNats start(Path dir) throws IOException {
        Path bin = binary();
        if (bin == null) {
            throw new IllegalStateException("no nats-server on PATH; install it with: apt-get install -y nats-server");
        }
        int port = Ports.free();
        Files.createDirectories(dir);
        Path log = dir.resolve("nats.log");
        // 8 MB messages (the default is 1 MB), so rows of several megabytes fit in one message.
        Path config = dir.resolve("nats.conf");
        Files.writeString(config, "max_payload: 8388608\n");
        Process server = new ProcessBuilder(List.of(bin.toString(), "-c", config.toString(), "-a", "127.0.0.1",
                "-p", String.valueOf(port), "-js", "-sd", dir.resolve("store").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalNats nats = new LocalNats(dir, port, server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Ports.listening(port)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                String output = Files.readString(log);
                nats.close();
                throw new IllegalStateException("nats-server did not start:\n" + output);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nats.close();
                throw new IllegalStateException("interrupted while starting nats-server", e);
            }
        }
        return nats;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Directories.delete(dir);
    }
}
