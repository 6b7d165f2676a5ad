package io.pgflo.camel.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the commands find their YAML routes: {@code PGFLO_ROUTES_DIR} when set, else the copies packaged
 * in the jar, so the jar runs from any directory.
 */
final class RouteFiles {

    private RouteFiles() {
    }

    static String location(String file) {
        String dir = System.getenv("PGFLO_ROUTES_DIR");
        if (dir != null && !dir.isBlank()) {
            Path path = Path.of(dir, file);
            if (!Files.isRegularFile(path)) {
                throw new CliException("PGFLO_ROUTES_DIR is " + dir + " but it holds no " + file);
            }
            return "file:" + path.toAbsolutePath();
        }
        return "classpath:routes/" + file;
    }
}
