package io.pgflo.camel.sink.file;

import io.pgflo.camel.event.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes JSON lines to rotating files, durably and exactly once per position across crashes and
 * redelivery.
 *
 * <p>Files are named as pg_flo names them, {@code pg_flo_log_<timestamp>.jsonl}, where the timestamp is
 * the UTC second the file was started, formatted {@code yyyyMMdd'T'HHmmss'Z'}, for example
 * {@code pg_flo_log_20261122T043512Z.jsonl}. A further file started within the same second gets a suffix
 * {@code _1}, {@code _2}, ... ({@code pg_flo_log_20261122T043512Z_1.jsonl}). Should the clock step back,
 * the new file takes the newest file's timestamp and the next suffix instead, so that name order, by
 * timestamp and then numeric suffix, is always write order.
 *
 * <p>A new file is started before a line that would take the current file past the size limit (an empty
 * file takes any line, so an oversized line gets a file of its own), and before the first line of a batch
 * once the current file has reached the age limit, counted from the time in its name.
 *
 * <p>{@link #open()} recovers the last position written from the last complete line of the newest file
 * (or, if a crash left that file without one, of the newest file that has one), after cutting off a line
 * torn by a crash; {@link #write} then skips every line at or before it. Later writes append to that
 * newest file until it is rotated. When
 * {@code write} returns, its lines are on disk, so the caller may acknowledge them. After {@code write}
 * fails, the writer refuses further writes: close it and open a new one, which recovers from the disk.
 */
public final class JsonLinesFileWriter implements AutoCloseable {

    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_FILE_AGE = Duration.ofHours(1);

    /** One rendered change: {@code json} is a single-line JSON object whose "Position" field is {@code position}. */
    public record Line(Position position, String json) {

        public Line {
            if (position == null) {
                throw new IllegalArgumentException("line position must not be null");
            }
            if (json == null || json.isEmpty()) {
                throw new IllegalArgumentException("line at " + position + " has no JSON");
            }
            if (json.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("JSON at " + position + " contains a newline; each change must be one line");
            }
        }
    }

    private enum State { NEW, OPEN, FAILED, CLOSED }

    private final LogDirectory directory;
    private final RotationPolicy rotation;
    private final Clock clock;

    private State state = State.NEW;
    private Exception failure;
    private LogFileName newestFile;
    private LogFileAppender current;
    private Position lastWritten;

    public JsonLinesFileWriter(Path directory, Clock clock) {
        this(directory, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_AGE, clock);
    }

    public JsonLinesFileWriter(Path directory, long maxFileBytes, Duration maxFileAge, Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.directory = new LogDirectory(directory);
        this.rotation = new RotationPolicy(maxFileBytes, maxFileAge);
        this.clock = clock;
    }

    /**
     * Creates the directory if missing and recovers where a previous writer stopped.
     *
     * @return the last position on disk, or null when nothing has been written yet
     * @throws IOException when the directory is unusable, or the newest file's last line holds no position
     */
    public synchronized Position open() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("open() may be called once, but this writer is " + state);
        }
        directory.prepare();
        List<LogFileName> files = directory.logFiles();
        lastWritten = PositionRecovery.lastPosition(directory, files);
        if (!files.isEmpty()) {
            newestFile = files.get(files.size() - 1);
            current = LogFileAppender.reopen(directory.resolve(newestFile), newestFile.second());
        }
        state = State.OPEN;
        return lastWritten;
    }

    /**
     * Appends the lines after the last position written, in the given order, and syncs them to disk.
     *
     * @return how many lines were written; the others had been written before
     */
    public synchronized int write(List<Line> lines) throws IOException {
        requireOpen();
        Instant now = clock.instant();
        int written = 0;
        boolean startedFile = false;
        try {
            for (Line line : lines) {
                if (lastWritten != null && !line.position().isAfter(lastWritten)) {
                    continue;
                }
                byte[] json = line.json().getBytes(StandardCharsets.UTF_8);
                if (current == null || rotation.needsNewFile(current.size(), current.startedAt(), json.length + 1L, now)) {
                    startNewFile(now);
                    startedFile = true;
                }
                current.appendLine(json);
                lastWritten = line.position();
                written++;
            }
            if (written > 0) {
                current.sync();
            }
            if (startedFile) {
                directory.sync();
            }
        } catch (IOException | RuntimeException e) {
            // What reached the disk is unknown now; only a fresh open() can tell.
            state = State.FAILED;
            failure = e;
            throw e;
        }
        return written;
    }

    /** The last position written, or recovered by {@link #open()}; null when there is none. */
    public synchronized Position lastWritten() {
        return lastWritten;
    }

    public Path directory() {
        return directory.path();
    }

    @Override
    public synchronized void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        if (current == null) {
            return;
        }
        if (was == State.FAILED) {
            current.abandon();
        } else {
            current.close();
        }
        current = null;
    }

    private void startNewFile(Instant now) throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        LogFileName name = LogFileName.next(newestFile, now);
        current = LogFileAppender.create(directory.resolve(name), now);
        newestFile = name;
    }

    private void requireOpen() {
        switch (state) {
            case NEW -> throw new IllegalStateException("call open() before writing to " + directory.path());
            case FAILED -> throw new IllegalStateException("an earlier write to " + directory.path() + " failed ("
                    + failure + "); close this writer and open a new one, which recovers from what is on disk", failure);
            case CLOSED -> throw new IllegalStateException("the writer for " + directory.path() + " is closed");
            case OPEN -> {
            }
        }
    }
}
