package io.pgflo.camel.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@code nats-server -js} from PATH on a free port, with its store under the build's work directory. */
final class LocalNats {

    private LocalNats() {
    }

    static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "nats-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static NatsServer start() {
        Path bin = binary();
        int port = Ports.free();
        Path dir = WorkDir.create("nats-" + port);
        Path log = dir.resolve("nats.log");
        try {
            Process server = new ProcessBuilder(List.of(bin.toString(), "-a", "127.0.0.1", "-p", String.valueOf(port),
                    "-js", "-sd", dir.resolve("store").toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.destroy();
                try {
                    server.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    server.destroyForcibly();
                }
                WorkDir.delete(dir);
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Ports.listening(port)) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("nats-server exited during start:\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nats-server did not listen within 30 s:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return new NatsServer("nats://127.0.0.1:" + port, "local binary " + bin);
        } catch (IOException e) {
            throw new IllegalStateException("starting " + bin + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting nats-server", e);
        }
    }
}
