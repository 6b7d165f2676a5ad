package io.pgflo.camel.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where local test servers keep their files: {@code PGFLO_TEST_WORKDIR}, else {@code target/test-servers}. */
final class WorkDir {

    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

    private WorkDir() {
    }

    static Path create(String name) {
        String configured = System.getenv("PGFLO_TEST_WORKDIR");
        Path base = configured != null ? Paths.get(configured) : Paths.get("target", "test-servers");
        try {
            Path dir = base.toAbsolutePath().resolve(name + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
            io.pgflo.camel.localserver.Directories.delete(dir);
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create test server directory under " + base, e);
        }
    }
}
