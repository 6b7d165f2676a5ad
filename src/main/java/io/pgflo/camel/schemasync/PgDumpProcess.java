package io.pgflo.camel.schemasync;

import io.pgflo.camel.schemadump.PgDumpBinary;
import io.pgflo.camel.schemadump.PgDumpChoice;
import io.pgflo.camel.schemadump.SchemaDumpException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Finds pg_dump and runs it as a child process. */
final class PgDumpProcess {

    private static final Path VERSIONED = Path.of("/usr/lib/postgresql");
    private static final long TIMEOUT_MINUTES = 30;

    private PgDumpProcess() {
    }

    /** The newest pg_dump on PATH or in /usr/lib/postgresql/N/bin, checked against the source's major version. */
    static PgDumpBinary locate(int sourceMajor) {
        List<Path> versionDirectories = new ArrayList<>();
        File[] children = VERSIONED.toFile().listFiles(File::isDirectory);
        if (children != null) {
            Arrays.stream(children).map(File::toPath).sorted().forEach(versionDirectories::add);
        }
        List<Path> searched = PgDumpChoice.candidates(System.getenv("PATH"), versionDirectories);
        List<PgDumpBinary> found = new ArrayList<>();
        for (Path candidate : searched) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                Result version = run(candidate, List.of("--version"), Map.of());
                if (version.exitCode() == 0) {
                    found.add(new PgDumpBinary(candidate, PgDumpChoice.major(version.stdout())));
                }
            }
        }
        return PgDumpChoice.choose(found, sourceMajor, searched);
    }

    /**
     * Runs pg_dump against {@code source}, connecting through libpq's environment variables.
     *
     * @return the dump script
     * @throws SchemaDumpException naming the command (without the password) and with pg_dump's own error output
     */
    static String dump(PgDumpBinary binary, List<String> args, PgEndpoint source) {
        Result result = run(binary.path(), args, source.libpqEnvironment());
        if (result.exitCode() != 0) {
            throw new SchemaDumpException("pg_dump of the source " + source + " failed with exit code " + result.exitCode()
                    + " (" + binary.path() + " " + String.join(" ", args) + "): " + result.stderr().strip());
        }
        return result.stdout();
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path binary, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        // The worker's own PG* variables (a PGSERVICE, say) must not redirect the dump to another server.
        builder.environment().keySet().removeIf(key -> key.startsWith("PG") && !key.equals("PGSSLMODE")
                && !key.equals("PGSSLROOTCERT") && !key.equals("PGPASSFILE"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Both pipes are drained at once: a full stderr pipe would otherwise block pg_dump forever.
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new SchemaDumpException(binary + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new SchemaDumpException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaDumpException("interrupted while running " + binary, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
