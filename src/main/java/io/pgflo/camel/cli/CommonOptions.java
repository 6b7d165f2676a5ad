package io.pgflo.camel.cli;

import io.pgflo.camel.naming.PgFloNames;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags every pipeline command shares. */
final class CommonOptions {

    @Option(names = "--group", description = "Group name; names the slot, publication, stream and consumer (required).")
    String group;

    @Option(names = "--nats-url", description = "NATS server URL(s), comma-separated (required).")
    String natsUrl;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Most messages per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--stream-max-age", defaultValue = "0",
            description = "Oldest age the stream keeps, e.g. 7d; 0 (the default) keeps changes until a worker consumed them.")
    String streamMaxAge;

    @Option(names = "--stream-max-bytes", defaultValue = "-1",
            description = "Most bytes the stream holds; when full the replicator waits, nothing is dropped (default unlimited).")
    long streamMaxBytes;

    void require() {
        Settings.required("group", group);
        try {
            PgFloNames.requireValidGroup(group);
        } catch (IllegalArgumentException e) {
            throw new CliException("--group: " + e.getMessage());
        }
        Settings.required("nats-url", natsUrl);
        Settings.duration("stream-max-age", streamMaxAge);
        if (streamMaxBytes < 1 && streamMaxBytes != -1) {
            throw new CliException("--stream-max-bytes is " + streamMaxBytes + "; expected a positive size, or -1 for unlimited");
        }
        if (batchSize < 1) {
            throw new CliException("--batch-size is " + batchSize + "; expected at least 1");
        }
    }

    void putInto(Map<String, String> properties) {
        properties.put("pgflo.group", group);
        properties.put("pgflo.nats.url", natsUrl);
        properties.put("pgflo.batch-size", String.valueOf(batchSize));
        properties.put("pgflo.stream.max-age", streamMaxAge);
        properties.put("pgflo.stream.max-bytes", String.valueOf(streamMaxBytes));
    }
}
