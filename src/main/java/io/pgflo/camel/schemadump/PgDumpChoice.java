package io.pgflo.camel.schemadump;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pg_dump to run: the newest one found on PATH or in {@code /usr/lib/postgresql/<version>/bin}.
 * pg_dump refuses servers newer than itself, so the newest must be at least the source's major version.
 */
public final class PgDumpChoice {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");

    private PgDumpChoice() {
    }

    /** Where to look, PATH first, without duplicates; {@code versionDirectories} are the {@code <version>} folders. */
    public static List<Path> candidates(String pathVariable, List<Path> versionDirectories) {
        Set<Path> result = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    result.add(Path.of(dir, "pg_dump").normalize());
                }
            }
        }
        for (Path version : versionDirectories) {
            result.add(version.resolve("bin").resolve("pg_dump").normalize());
        }
        return new ArrayList<>(result);
    }

    /**
     * The major version in {@code pg_dump --version}'s output, such as "pg_dump (PostgreSQL) 15.20 (Debian ...)".
     *
     * @throws SchemaDumpException when the output names no version
     */
    public static int major(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput == null ? "" : versionOutput);
        if (!m.find()) {
            throw new SchemaDumpException("cannot read a version from pg_dump --version output '"
                    + (versionOutput == null ? "" : versionOutput.strip()) + "'; expected 'pg_dump (PostgreSQL) N.M'");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The newest binary, when it can dump a server of {@code sourceMajor}; with equal versions the first
     * found (PATH before the versioned folders).
     *
     * @throws SchemaDumpException when none was found or the newest is older than the source
     */
    public static PgDumpBinary choose(List<PgDumpBinary> found, int sourceMajor, List<Path> searched) {
        if (found.isEmpty()) {
            throw new SchemaDumpException("--target-sync-schema needs pg_dump, and none was found in " + searched
                    + "; install the PostgreSQL client " + sourceMajor + " or later (apt-get install postgresql-client-"
                    + sourceMajor + ")");
        }
        PgDumpBinary newest = found.stream().max(Comparator.comparingInt(PgDumpBinary::major)).orElseThrow();
        for (PgDumpBinary binary : found) {
            if (binary.major() == newest.major()) {
                newest = binary;
                break;
            }
        }
        if (newest.major() < sourceMajor) {
            throw new SchemaDumpException("the source server is PostgreSQL " + sourceMajor + " but the newest pg_dump found is "
                    + newest + ", which cannot dump a newer server; install the PostgreSQL client " + sourceMajor
                    + " or later (apt-get install postgresql-client-" + sourceMajor + ")");
        }
        return newest;
    }
}
