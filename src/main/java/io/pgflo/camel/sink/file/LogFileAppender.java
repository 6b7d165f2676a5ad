package io.pgflo.camel.sink.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends newline-terminated lines to one file through a buffer, and makes them durable on demand. */
final class LogFileAppender implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final Instant startedAt;
    private final FileChannel channel;
    private final OutputStream out;
    private long size;

    private LogFileAppender(Path path, Instant startedAt, FileChannel channel) throws IOException {
        this.path = path;
        this.startedAt = startedAt;
        this.channel = channel;
        this.size = channel.size();
        channel.position(size);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    static LogFileAppender create(Path path, Instant startedAt) throws IOException {
        try {
            return new LogFileAppender(path, startedAt,
                    FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (FileAlreadyExistsException e) {
            // Names are chosen after the newest file seen, so a clash means someone else writes here.
            throw new IOException("cannot start log file " + path + ": it already exists; is another writer using "
                    + path.getParent() + "?", e);
        }
    }

    static LogFileAppender reopen(Path path, Instant startedAt) throws IOException {
        return new LogFileAppender(path, startedAt, FileChannel.open(path, StandardOpenOption.WRITE));
    }

    Path path() {
        return path;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Bytes in the file, including those still buffered. */
    long size() {
        return size;
    }

    void appendLine(byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
        size += line.length + 1L;
    }

    void sync() throws IOException {
        out.flush();
        // force(true): force(false) need not make the grown file size durable, and appends change it.
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }

    /** Closes without writing what is buffered: after a failed write the buffer may end mid-line. */
    void abandon() throws IOException {
        channel.close();
    }
}
