package io.pgflo.camel.sink.file;

import java.time.Duration;
import java.time.Instant;

/** When the file sink starts a new file: before a line would overflow the current one, or once it is old. */
record RotationPolicy(long maxFileBytes, Duration maxFileAge) {

    RotationPolicy {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("max file size must be at least 1 byte, got " + maxFileBytes);
        }
        if (maxFileAge == null || maxFileAge.isNegative() || maxFileAge.isZero()) {
            throw new IllegalArgumentException("max file age must be positive, got " + maxFileAge);
        }
    }

    /**
     * Whether a line of {@code lineBytes} (newline included) must go into a new file. An empty file takes
     * any line, so a line larger than the limit still gets written, alone in its file.
     */
    boolean needsNewFile(long fileBytes, Instant fileStartedAt, long lineBytes, Instant now) {
        boolean wouldOverflow = fileBytes > 0 && fileBytes + lineBytes > maxFileBytes;
        boolean expired = !now.isBefore(fileStartedAt.plus(maxFileAge));
        return wouldOverflow || expired;
    }
}
