package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import io.pgflo.camel.snapshot.CopyPlan;
import io.pgflo.camel.snapshot.CopyState;
import io.pgflo.camel.snapshot.RangeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps an initial copy's progress in a JetStream key-value bucket (pg_flo's {@code pg_flo_state_<group>}),
 * file-backed and replicated as the server is, so it outlives the replicator. Keys: {@code copy.plan},
 * {@code copy.attempt}, {@code copy.range.<table>.<range>} (rows copied) and {@code copy.completed}.
 * Configure it as a bean with {@code servers} and {@code bucket}.
 */
public class JetStreamCopyState implements CopyState {

    private static final String PLAN = "copy.plan";
    private static final String ATTEMPT = "copy.attempt";
    private static final String RANGE = "copy.range.";
    private static final String COMPLETED = "copy.completed";
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private String servers;
    private String bucket;
    private Connection connection;
    private KeyValue keyValue;

    public String getServers() {
        return servers;
    }

    public void setServers(String servers) {
        this.servers = servers;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public synchronized Optional<CopyPlan> plan() {
        return Optional.ofNullable(value(PLAN)).map(CopyPlan::fromJson);
    }

    @Override
    public synchronized void savePlan(CopyPlan plan) {
        put(PLAN, plan.toJson());
    }

    @Override
    public synchronized long beginAttempt() {
        // Compare-and-set on the key's revision: two replicators of one group must never share an attempt.
        for (int tries = 0; ; tries++) {
            try {
                KeyValueEntry entry = kv().get(ATTEMPT);
                if (entry == null || entry.getValue() == null) {
                    kv().create(ATTEMPT, "1".getBytes(StandardCharsets.UTF_8));
                    return 1;
                }
                long next = Long.parseLong(entry.getValueAsString()) + 1;
                kv().update(ATTEMPT, Long.toString(next).getBytes(StandardCharsets.UTF_8), entry.getRevision());
                return next;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE || tries > 5) {
                    throw failure("counting a copy attempt", e);
                }
            } catch (IOException e) {
                throw failure("counting a copy attempt", e);
            }
        }
    }

    @Override
    public synchronized Map<RangeKey, Long> finishedRanges() {
        Map<RangeKey, Long> ranges = new HashMap<>();
        try {
            List<String> keys = kv().keys(RANGE + ">");
            for (String key : keys) {
                byte[] value = value(key);
                if (value != null) {
                    ranges.put(RangeKey.parse(key.substring(RANGE.length())),
                            Long.parseLong(new String(value, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | JetStreamApiException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failure("reading the finished copy ranges", e);
        }
        return ranges;
    }

    @Override
    public synchronized void rangeFinished(RangeKey range, long rows) {
        put(RANGE + range.id(), Long.toString(rows).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized boolean completed() {
        return value(COMPLETED) != null;
    }

    @Override
    public synchronized void markCompleted() {
        put(COMPLETED, java.time.Instant.now().toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void release() {
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection = null;
            keyValue = null;
        }
    }

    private byte[] value(String key) {
        try {
            KeyValueEntry entry = kv().get(key);
            return entry == null ? null : entry.getValue();
        } catch (IOException | JetStreamApiException e) {
            throw failure("reading " + key, e);
        }
    }

    private void put(String key, byte[] value) {
        try {
            kv().put(key, value);
        } catch (IOException | JetStreamApiException e) {
            throw failure("writing " + key, e);
        }
    }

    private KeyValue kv() throws IOException, JetStreamApiException {
        if (keyValue == null) {
            if (servers == null || bucket == null) {
                throw new IllegalStateException("JetStreamCopyState needs servers and bucket");
            }
            try {
                connection = Nats.connect(new Options.Builder().server(servers).connectionName("pgflo-copy-state")
                        .connectionTimeout(Duration.ofSeconds(10)).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to " + servers, e);
            }
            KeyValueManagement management = connection.keyValueManagement();
            if (!management.getBucketNames().contains(bucket)) {
                management.create(KeyValueConfiguration.builder().name(bucket).storageType(StorageType.File)
                        .maxHistoryPerKey(1).build());
            }
            keyValue = connection.keyValue(bucket);
        }
        return keyValue;
    }

    private IllegalStateException failure(String what, Exception cause) {
        release();
        return new IllegalStateException("copy state bucket " + bucket + " on " + servers + ": " + what + " failed: "
                + cause.getMessage(), cause);
    }
}
