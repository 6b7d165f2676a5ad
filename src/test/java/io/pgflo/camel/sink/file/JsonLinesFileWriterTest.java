package io.pgflo.camel.sink.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.pgoutput.Lsn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLinesFileWriterTest {

    private static final Instant START = Instant.parse("2026-11-22T04:35:12.789Z");
    private static final String FIRST_FILE = "pg_flo_log_20261122T043512Z.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);
    private final List<JsonLinesFileWriter> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() throws IOException {
        for (JsonLinesFileWriter writer : writers) {
            writer.close();
        }
    }

    @Test
    void namesTheFileAfterTheUtcSecondItWasStartedAndWritesOneLinePerChange() throws IOException {
        JsonLinesFileWriter writer = opened(JsonLinesFileWriter.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1));

        int written = writer.write(lines(1, 2));

        assertThat(written).isEqualTo(2);
        assertThat(fileNames()).containsExactly(FIRST_FILE);
        assertThat(Files.readString(dir.resolve(FIRST_FILE))).isEqualTo(json(1) + "\n" + json(2) + "\n");
    }

    @Test
    void filesStartedInTheSameSecondGetRisingSuffixes() throws IOException {
        JsonLinesFileWriter writer = opened(1, Duration.ofHours(1));

        writer.write(lines(1, 3));

        assertThat(fileNames()).containsExactly(FIRST_FILE, "pg_flo_log_20261122T043512Z_1.jsonl",
                "pg_flo_log_20261122T043512Z_2.jsonl");
    }

    @Test
    void startsANewFileBeforeALineWouldExceedTheSizeLimit() throws IOException {
        int lineBytes = json(1).length() + 1;
        JsonLinesFileWriter writer = opened(2L * lineBytes, Duration.ofHours(1));

        writer.write(lines(1, 5));

        assertThat(fileNames()).hasSize(3);
        assertThat(positionsPerFile()).containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
        assertThat(Files.size(dir.resolve(FIRST_FILE))).isEqualTo(2L * lineBytes);
    }

    @Test
    void aLineLargerThanTheLimitGetsAFileOfItsOwn() throws IOException {
        JsonLinesFileWriter writer = opened(100, Duration.ofHours(1));
        String big = "{\"Position\":\"" + position(2) + "\",\"data\":\"" + "x".repeat(200) + "\"}";

        writer.write(List.of(line(1), new JsonLinesFileWriter.Line(position(2), big), line(3)));

        assertThat(positionsPerFile()).containsExactly(List.of(1L), List.of(2L), List.of(3L));
        assertThat(Files.readString(dir.resolve("pg_flo_log_20261122T043512Z_1.jsonl"))).isEqualTo(big + "\n");
    }

    @Test
    void startsANewFileOnceTheCurrentOneReachesTheAgeLimit() throws IOException {
        JsonLinesFileWriter writer = opened(JsonLinesFileWriter.DEFAULT_MAX_FILE_BYTES, Duration.ofMinutes(10));
        writer.write(lines(1, 1));

        // The file dates from 04:35:12 (its name), the clock from 04:35:12.789.
        clock.set(Instant.parse("2026-11-22T04:45:11.999Z"));
        writer.write(lines(2, 2));
        clock.set(Instant.parse("2026-11-22T04:45:13Z"));
        writer.write(lines(3, 3));

        assertThat(fileNames()).containsExactly(FIRST_FILE, "pg_flo_log_20261122T044513Z.jsonl");
        assertThat(positionsPerFile()).containsExactly(List.of(1L, 2L), List.of(3L));
    }

    @Test
    void afterACrashARedeliveredBatchIsWrittenOnlyFromWhereTheDiskEnds() throws IOException {
        long smallLimit = 3L * (json(1).length() + 1);
        JsonLinesFileWriter crashed = opened(smallLimit, Duration.ofHours(1));
        crashed.write(lines(1, 4));
        crashed.write(lines(5, 5));
        // The crashed writer is never closed: what write() returned for must already be on disk.

        clock.advance(Duration.ofSeconds(1));
        JsonLinesFileWriter restarted = opened(smallLimit, Duration.ofHours(1));
        assertThat(restarted.lastWritten()).isEqualTo(position(5));
        int written = restarted.write(lines(3, 8));

        assertThat(written).isEqualTo(3);
        assertThat(allPositions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
        assertThat(positionsPerFile()).containsExactly(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L), List.of(7L, 8L));
    }

    @Test
    void reopeningFindsTheNewestFileByNumericSuffixNotByText() throws IOException {
        JsonLinesFileWriter first = opened(1, Duration.ofHours(1));
        first.write(lines(1, 11));
        first.close();
        assertThat(fileNames()).contains("pg_flo_log_20261122T043512Z_9.jsonl", "pg_flo_log_20261122T043512Z_10.jsonl");

        JsonLinesFileWriter reopened = opened(1, Duration.ofHours(1));

        assertThat(reopened.lastWritten()).isEqualTo(position(11));
        assertThat(reopened.write(lines(11, 12))).isEqualTo(1);
        assertThat(fileNames()).contains("pg_flo_log_20261122T043512Z_11.jsonl");
    }

    @Test
    void linesAtOrBeforeTheLastWrittenPositionAreSkippedWithinABatchToo() throws IOException {
        JsonLinesFileWriter writer = opened(JsonLinesFileWriter.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1));

        int written = writer.write(List.of(line(2), line(1), line(3), line(3), line(5), line(4)));

        assertThat(written).isEqualTo(3);
        assertThat(allPositions()).containsExactly(2L, 3L, 5L);
    }

    @Test
    void aBatchEntirelyOfDuplicatesWritesNothingAndStartsNoFile() throws IOException {
        JsonLinesFileWriter writer = opened(JsonLinesFileWriter.DEFAULT_MAX_FILE_BYTES, Duration.ofMinutes(1));
        writer.write(lines(1, 3));
        byte[] before = Files.readAllBytes(dir.resolve(FIRST_FILE));
        clock.advance(Duration.ofHours(2));

        int written = writer.write(lines(1, 3));

        assertThat(written).isZero();
        assertThat(fileNames()).containsExactly(FIRST_FILE);
        assertThat(Files.readAllBytes(dir.resolve(FIRST_FILE))).isEqualTo(before);
    }

    @Test
    void aTornLastLineIsCutOffBeforeRecoveringAndAppendingContinuesCleanly() throws IOException {
        Path file = dir.resolve(FIRST_FILE);
        Files.writeString(file, json(1) + "\n" + json(2) + "\n" + json(3).substring(0, 15));

        JsonLinesFileWriter writer = writer(JsonLinesFileWriter.DEFAULT_MAX_FILE_BYTES, Duration.ofHours(1));
        Position recovered = writer.open();

        assertThat(recovered).isEqualTo(position(2));
        assertThat(Files.readString(file)).isEqualTo(json(1) + "\n" + json(2) + "\n");
        writer.write(lines(2, 4));
        assertThat(Files.readString(file)).isEqualTo(json(1) + "\n" + json(2) + "\n" + json(3) + "\n" + json(4) + "\n");
    }

    @Test
    void aNewestFileWithNoCompleteLineSendsRecoveryBackToTheFileBeforeIt() throws IOException {
        Files.writeString(dir.resolve(FIRST_FILE), json(1) + "\n" + json(2) + "\n");
        Path newest = dir.resolve("pg_flo_log_20261122T043512Z_1.jsonl");
        Files.writeString(newest, json(3).substring(0, 10));

        Position recovered = writer(100, Duration.ofHours(1)).open();

        assertThat(recovered).isEqualTo(position(2));
        assertThat(Files.size(newest)).isZero();
    }

    @Test
    void aLineLargerThanTheLimitGoesIntoAnEmptyFileLeftByACrash() throws IOException {
        Files.writeString(dir.resolve(FIRST_FILE), json(1) + "\n");
        Path empty = Files.createFile(dir.resolve("pg_flo_log_20261122T043512Z_1.jsonl"));
        JsonLinesFileWriter writer = opened(10, Duration.ofHours(1));

        writer.write(lines(2, 2));

        assertThat(fileNames()).hasSize(2);
        assertThat(empty).hasContent(json(2));
    }

    @Test
    void anEmptyOrMissingDirectoryRecoversNothingAndGetsNoFileUntilAWrite() throws IOException {
        Path missing = dir.resolve("a/b/out");
        JsonLinesFileWriter writer = track(new JsonLinesFileWriter(missing, clock));

        Position recovered = writer.open();

        assertThat(recovered).isNull();
        assertThat(missing).isEmptyDirectory();
        assertThat(writer.write(lines(1, 1))).isEqualTo(1);
        assertThat(missing.resolve(FIRST_FILE)).hasContent(json(1));
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a log\n");
        Files.writeString(dir.resolve("pg_flo_log_20261399T999999Z.jsonl"), "not a date\n");

        assertThat(writer(100, Duration.ofHours(1)).open()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "[\"Position\", \"0/1:1\"]",
        "{\"Other\":\"0/1:1\"}",
        "{\"nested\":{\"Position\":\"0/1:1\"}}",
        "{\"Position\":17}",
        "{\"Position\":\"yesterday\"}",
        "{\"Position\":\"16/3002D50:7\",\"data\":[1,,2]}",
        "{\"Position\":\"16/3002D50:7\"} {}",
    })
    void aLastLineWithoutAValidPositionIsReportedWithTheFileName(String lastLine) throws IOException {
        Path file = dir.resolve(FIRST_FILE);
        Files.writeString(file, json(1) + "\n" + lastLine + "\n");

        assertThatThrownBy(() -> writer(100, Duration.ofHours(1)).open())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("\"Position\"")
                .hasMessageContaining(lastLine.substring(0, 8));
    }

    @Test
    void anOutputPathThatIsNotADirectoryIsReportedByName() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("taken"), "x");

        assertThatThrownBy(() -> track(new JsonLinesFileWriter(notADirectory, clock)).open())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("output directory");
    }

    @Test
    void writingBeforeOpenIsRefused() {
        JsonLinesFileWriter writer = writer(100, Duration.ofHours(1));

        assertThatThrownBy(() -> writer.write(lines(1, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("open()");
    }

    @Test
    void aLineWhoseJsonSpansLinesIsRejected() {
        assertThatThrownBy(() -> new JsonLinesFileWriter.Line(position(1), "{\"a\":\n1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newline");
    }

    private JsonLinesFileWriter writer(long maxBytes, Duration maxAge) {
        return track(new JsonLinesFileWriter(dir, maxBytes, maxAge, clock));
    }

    private JsonLinesFileWriter opened(long maxBytes, Duration maxAge) throws IOException {
        JsonLinesFileWriter writer = writer(maxBytes, maxAge);
        writer.open();
        return writer;
    }

    private JsonLinesFileWriter track(JsonLinesFileWriter writer) {
        writers.add(writer);
        return writer;
    }

    private static Position position(long n) {
        return new Position(Lsn.of(0x1600000000L + n / 3), n);
    }

    private static String json(long n) {
        return "{\"Position\":\"" + position(n) + "\",\"n\":" + n + "}";
    }

    private static JsonLinesFileWriter.Line line(long n) {
        return new JsonLinesFileWriter.Line(position(n), json(n));
    }

    private static List<JsonLinesFileWriter.Line> lines(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(JsonLinesFileWriterTest::line).toList();
    }

    /** Log file names in write order: by timestamp, then numeric suffix. */
    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .sorted((a, b) -> LogFileName.parse(a).orElseThrow().compareTo(LogFileName.parse(b).orElseThrow()))
                    .toList();
        }
    }

    private List<List<Long>> positionsPerFile() throws IOException {
        List<List<Long>> perFile = new ArrayList<>();
        for (String name : fileNames()) {
            perFile.add(Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8).stream()
                    .map(JsonLinesFileWriterTest::ordinalOf)
                    .toList());
        }
        return perFile;
    }

    private List<Long> allPositions() throws IOException {
        return positionsPerFile().stream().flatMap(List::stream).toList();
    }

    /** The ordinal of the line's "Position", which must also be the position that ordinal stands for. */
    private static long ordinalOf(String jsonLine) {
        Position written;
        try {
            written = Position.parse(JSON.readTree(jsonLine).get("Position").asText());
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + jsonLine, e);
        }
        assertThat(written).isEqualTo(position(written.seq()));
        return written.seq();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the writer needs only instants");
        }
    }
}
