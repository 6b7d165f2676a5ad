package io.pgflo.camel.component.pgwal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pg_flo held whole transactions in memory and died on a 10M-row INSERT. A 500k-row transaction of
 * about 256 MB of text values must pass through a route in a JVM limited to 256 MB of heap.
 */
@Timeout(420)
class LargeTransactionIT extends PgWalTestSupport {

    private static final int ROWS = 500_000;

    @Test
    void halfMillionRowTransactionPassesThroughA256MbHeap() throws Exception {
        db.execute("CREATE TABLE big(id int PRIMARY KEY, pad text)",
                "CREATE PUBLICATION " + slot + " FOR TABLE big",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 16) FROM generate_series(1, " + ROWS + ") g");

        Path log = Paths.get("target", slot + ".log");
        Process probe = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LargeTransactionProbe.class.getName(), uri("createSlot=false&createPublication=false"), String.valueOf(ROWS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = probe.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            probe.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("probe finished; output:\n%s", output).isTrue();
        assertThat(probe.exitValue()).as("probe exit; output:\n%s", output).isZero();
        String summary = output.lines().filter(l -> l.startsWith("events=")).findFirst().orElseThrow();
        assertThat(summary).startsWith("events=" + ROWS + " ").contains("largest=1000 ").contains("maxHeapMb=");
        int exchanges = Integer.parseInt(summary.replaceAll(".*exchanges=(\\d+).*", "$1"));
        assertThat(exchanges).isGreaterThanOrEqualTo(ROWS / 1000);
        Files.deleteIfExists(log);
    }
}
