package io.pgflo.camel.bench;

import io.pgflo.camel.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Shared pieces of the benchmark programs: the reference workload, psql, the native anchor, RSS. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** {@code PGFLO_BENCH_DIR}, else {@code ../shared/bench} beside the project. */
    static Path workloadDir() {
        String configured = System.getenv("PGFLO_BENCH_DIR");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "shared", "bench");
        if (!Files.isRegularFile(dir.resolve("native_lr.sh"))) {
            throw new IllegalStateException("reference workload not found in " + dir.toAbsolutePath()
                    + "; set PGFLO_BENCH_DIR to the folder holding schema.sql, initial_rows.sql, change_mix.sql and native_lr.sh");
        }
        return dir.toAbsolutePath().normalize();
    }

    static void psqlFile(TestDatabase db, Path file) {
        run(List.of("psql", db.server().conninfo(db.name()), "-v", "ON_ERROR_STOP=1", "-qX", "-f", file.toString()));
    }

    /** Runs the native anchor and returns its {@code key=value} lines. */
    /**
     * Runs native_lr.sh on fresh databases of the two servers and returns one of its figures, for example
     * native_catchup_changes_per_s.
     */
    static double nativeFigure(io.pgflo.camel.testing.PgServer source, io.pgflo.camel.testing.PgServer target,
                               String figure) {
        try (TestDatabase nativeSource = source.createDatabase("bench_native");
             TestDatabase nativeTarget = target.createDatabase("bench_native")) {
            return Double.parseDouble(nativeAnchor(nativeSource, nativeTarget).get(figure));
        }
    }

    static Map<String, String> nativeAnchor(TestDatabase source, TestDatabase target) {
        String out = run(List.of("bash", workloadDir().resolve("native_lr.sh").toString(),
                source.server().conninfo(source.name()), target.server().conninfo(target.name())));
        Map<String, String> values = new TreeMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1).trim()));
        return values;
    }

    static String run(List<String> command) {
        try {
            Path log = Files.createTempFile("pgflo-bench", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String out = Files.readString(log);
            Files.delete(log);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", redact(command)) + " failed (" + p.exitValue() + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("running " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> redact(List<String> command) {
        List<String> shown = new ArrayList<>();
        command.forEach(c -> shown.add(c.replaceAll("password=\\S+", "password=***")));
        return shown;
    }

    /** Peak resident set size of a process in MB, from /proc (Linux); -1 when unknown. */
    static long peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU time (user and system, all threads) a process has used so far, in seconds, from /proc (Linux);
     * -1 when unknown. On a busy machine it varies far less than the wall clock.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** USER_HZ, which Linux has fixed at 100 for user space on every architecture. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** A condition a benchmark waits for. */
    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits up to ten minutes for the condition, failing at once when the watched process has died. */
    static void await(Check check, Process watched) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!check.holds()) {
            if (!watched.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + watched.pid() + " stopped, or ten minutes passed");
            }
            Thread.sleep(20);
        }
    }

    /** Peak resident set size of this JVM in MB, from /proc (Linux). */
    static long peakRssMb() {
        return peakRssMb(ProcessHandle.current().pid());
    }

    /**
     * A bounded heap, then the worker's options as the README and the Docker image give them: the throughput
     * collector (G1's barriers and concurrent work cost the worker a third more CPU), and C2 only for code called
     * ten times as often as by default.
     */
    static final List<String> WORKER_JVM = List.of("-Xmx512m", "-XX:+UseParallelGC", "-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000");

    /**
     * The replicator's options as the README and the Docker image give them: the client compiler only and the
     * serial collector. Its work is moving bytes, and the server compiler's CPU in its first seconds cost more
     * than it gained; its garbage is short-lived, and G1 cost it CPU and twice the memory.
     */
    static final List<String> REPLICATOR_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * The defaults, then PGFLO_BENCH_JVM_OPTS_&lt;NAME&gt; (for example a flight recording), which come last so
     * they win.
     */
    static List<String> jvmOptions(String name, List<String> defaults) {
        List<String> options = new ArrayList<>(defaults);
        String extra = System.getenv("PGFLO_BENCH_JVM_OPTS_" + name.toUpperCase(java.util.Locale.ROOT));
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /**
     * The shaded jar, which is how pgflo runs ({@code java -jar target/pgflo.jar}). Not the test classpath:
     * with its hundred-odd jars, every class and every Camel service lookup searched jar after jar, and a
     * replicator took about a second more CPU to start than it does from the jar. Refuses a target/pgflo.jar
     * older than the compiled classes, which would measure code that is no longer there; the system property
     * pgflo.bench.jar names another jar, taken as it is.
     */
    static String pgfloJar() {
        String chosen = System.getProperty("pgflo.bench.jar");
        Path jar = Paths.get(chosen != null ? chosen : "target/pgflo.jar").toAbsolutePath();
        String build = "build it with the benchmark: mvn -B -q -DskipTests package exec:exec@bench-...";
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found; " + build);
        }
        if (chosen != null) {
            return jar.toString();
        }
        try (var files = Files.walk(Paths.get("target", "classes"))) {
            long newestClass = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
            if (newestClass > jar.toFile().lastModified()) {
                throw new IllegalStateException(jar + " is older than target/classes; " + build);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading target/classes", e);
        }
        return jar.toString();
    }

    /**
     * Starts a pgflo command in a JVM of its own, logging to a temporary file it prints the path of.
     * PGFLO_BENCH_JVM_OPTS_<NAME> adds JVM options to it, for example a flight recording.
     */
    static Process startPgFlo(String name, List<String> jvmOptions, List<String> args, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", pgfloJar()));
        List<String> options = jvmOptions(name, jvmOptions);
        command.addAll(1, options);
        System.out.println(name + "_jvm_options=" + String.join(" ", options));
        command.add(io.pgflo.camel.app.PgFloMain.class.getName());
        command.addAll(args);
        Path log = Files.createTempFile("pgflo-bench-" + name, ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment.forEach((key, value) -> {
            if (value != null) {
                builder.environment().put(key, value);
            }
        });
        System.out.println(name + "_log=" + log);
        return builder.start();
    }
}
