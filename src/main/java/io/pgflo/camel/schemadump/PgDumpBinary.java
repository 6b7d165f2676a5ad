package io.pgflo.camel.schemadump;

import java.nio.file.Path;

/** A pg_dump executable and the PostgreSQL major version it reported. */
public record PgDumpBinary(Path path, int major) {

    @Override
    public String toString() {
        return path + " (PostgreSQL " + major + ")";
    }
}
