package io.pgflo.camel.sink.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The output directory: making sure it is usable, finding the log files in it, making new entries durable. */
final class LogDirectory {

    private final Path path;

    LogDirectory(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("output directory must not be null");
        }
        this.path = path;
    }

    Path path() {
        return path;
    }

    void prepare() throws IOException {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IOException("output directory " + path + " exists but is not a directory");
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new IOException("cannot create output directory " + path + " for the file sink: " + e, e);
        }
        if (!Files.isWritable(path)) {
            throw new IOException("output directory " + path + " is not writable; the file sink creates and appends to "
                    + "pg_flo_log_*.jsonl files there");
        }
    }

    /** The log files present, oldest first; other files are left alone. */
    List<LogFileName> logFiles() throws IOException {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(Files::isRegularFile)
                    .map(entry -> LogFileName.parse(entry.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .sorted()
                    .toList();
        }
    }

    Path resolve(LogFileName name) {
        return path.resolve(name.fileName());
    }

    /** On POSIX a new file's directory entry is only durable once the directory itself is synced. */
    void sync() throws IOException {
        try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
