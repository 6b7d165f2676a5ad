package io.pgflo.camel.sink.file;

import io.pgflo.camel.event.Position;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Finds the last position a previous writer made durable, reading only the tails of the newest files.
 *
 * <p>A crash mid-write can leave a line without its newline; that torn line was never acknowledged, so it
 * is cut off and will be redelivered. A file left with no complete line (started just before a crash)
 * sends the search back to the file before it.
 */
final class PositionRecovery {

    private static final int CHUNK_BYTES = 8 * 1024;
    private static final int PREVIEW_BYTES = 120;

    private PositionRecovery() {
    }

    /** The last position in {@code files} (oldest first), or null when none holds a complete line. */
    static Position lastPosition(LogDirectory directory, List<LogFileName> files) throws IOException {
        for (int i = files.size() - 1; i >= 0; i--) {
            Position last = lastPositionIn(directory.resolve(files.get(i)));
            if (last != null) {
                return last;
            }
        }
        return null;
    }

    /** Cuts a torn last line off {@code file}, then reads the position of its last complete line, if any. */
    static Position lastPositionIn(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long lastNewline = lastNewlineBefore(channel, size);
            if (lastNewline + 1 < size) {
                channel.truncate(lastNewline + 1);
                channel.force(true);
            }
            if (lastNewline < 0) {
                return null;
            }
            long lineStart = lastNewlineBefore(channel, lastNewline) + 1;
            try {
                // Reading to the end of the file is reading just this line: the newline after it is last.
                return PositionField.read(Channels.newInputStream(channel.position(lineStart)));
            } catch (IllegalArgumentException e) {
                throw new IOException("cannot recover the last written position from " + file + ": its last line (from byte " + lineStart
                        + ") should be a JSON object with a string field \"" + PositionField.NAME
                        + "\" such as \"16/3002D50:7\", but " + e.getMessage() + "; it starts "
                        + preview(channel, lineStart, lastNewline) + ". Repair the file or move it aside.", e);
            }
        }
    }

    /** Offset of the last '\n' before {@code limit}, or -1. */
    private static long lastNewlineBefore(FileChannel channel, long limit) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
        long end = limit;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK_BYTES);
            chunk.clear().limit((int) (end - start));
            readFully(channel, chunk, start);
            for (int i = chunk.limit() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    private static String preview(FileChannel channel, long start, long end) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(PREVIEW_BYTES, end - start));
        readFully(channel, head, start);
        String text = new String(head.array(), 0, head.limit(), StandardCharsets.UTF_8);
        return "'" + text + (end - start > PREVIEW_BYTES ? "...'" : "'");
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("file shrank while being read, at byte " + at);
            }
            at += read;
        }
    }
}
