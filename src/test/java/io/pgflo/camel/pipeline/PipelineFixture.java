package io.pgflo.camel.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One pipeline under test: its database, group, output directory and processes. Closing removes them all. */
final class PipelineFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase db;
    final String group;
    final String natsUrl;
    final Path dir;
    private final List<PgFloProcess> processes = new ArrayList<>();
    private final List<String> otherGroups = new ArrayList<>();

    PipelineFixture(String purpose, Path dir) {
        this.db = TestServers.postgres().createDatabase(purpose);
        this.group = "it-" + TestNames.unique("g").substring(2).replace('_', '-');
        this.natsUrl = TestServers.nats().url();
        this.dir = dir;
    }

    Path output() {
        return dir.resolve("out");
    }

    /** Another group on the same database, removed with the fixture. */
    String anotherGroup() {
        String other = "it-" + TestNames.unique("g").substring(2).replace('_', '-');
        otherGroups.add(other);
        return other;
    }

    PgFloProcess replicator(String... extra) throws IOException {
        return replicatorOf(group, extra);
    }

    PgFloProcess replicatorOf(String group, String... extra) throws IOException {
        PgServer pg = db.server();
        List<String> args = new ArrayList<>(List.of("replicator", "--group", group, "--host", pg.host(),
                "--port", String.valueOf(pg.port()), "--dbname", db.name(), "--user", pg.user(), "--nats-url", natsUrl));
        if (pg.password() != null) {
            args.addAll(List.of("--password", pg.password()));
        }
        args.addAll(List.of(extra));
        return track(new PgFloProcess(dir.resolve(logName("replicator", group)), args).start());
    }

    PgFloProcess worker(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("worker", "file", "--group", group, "--nats-url", natsUrl,
                "--file-output-dir", output().toString()));
        args.addAll(List.of(extra));
        return track(new PgFloProcess(dir.resolve("worker.log"), args).start());
    }

    /** A worker applying to {@code target} with pg_flo's postgres sink flags. */
    PgFloProcess postgresWorker(TestDatabase target, String... extra) throws IOException {
        return postgresWorkerOf(group, target, extra);
    }

    PgFloProcess postgresWorkerOf(String group, TestDatabase target, String... extra) throws IOException {
        PgServer pg = target.server();
        List<String> args = new ArrayList<>(List.of("worker", "postgres", "--group", group, "--nats-url", natsUrl,
                "--target-host", pg.host(), "--target-port", String.valueOf(pg.port()), "--target-dbname", target.name(),
                "--target-user", pg.user()));
        if (pg.password() != null) {
            args.addAll(List.of("--target-password", pg.password()));
        }
        args.addAll(List.of(extra));
        return track(new PgFloProcess(dir.resolve(logName("worker", group)), args).start());
    }

    private String logName(String role, String forGroup) {
        return forGroup.equals(group) ? role + ".log" : role + "-" + forGroup + ".log";
    }

    private PgFloProcess track(PgFloProcess process) {
        processes.add(process);
        return process;
    }

    /** Waits until the group's slot is streaming, so changes made from now on are captured. */
    void awaitReplicatorStreaming(PgFloProcess replicator) throws Exception {
        awaitReplicatorStreaming(group, replicator);
    }

    void awaitReplicatorStreaming(String group, PgFloProcess replicator) throws Exception {
        String slot = PgFloNames.replicationSlot(group);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // The slot is also active while it is being created, before the replicator has finished setting up;
        // only a walsender past startup is streaming it.
        while (db.queryLong("SELECT count(*) FROM pg_replication_slots s JOIN pg_stat_replication r ON r.pid = s.active_pid"
                + " WHERE s.slot_name = '" + slot + "' AND r.state IN ('catchup', 'streaming')") == 0) {
            if (!replicator.alive() || System.nanoTime() > deadline) {
                throw new AssertionError("replicator is not streaming slot " + slot + "; log:\n" + replicator.log());
            }
            Thread.sleep(100);
        }
    }

    /** Every JSON line the file sink wrote, in file order. */
    List<JsonNode> lines() throws IOException {
        List<JsonNode> result = new ArrayList<>();
        if (!Files.isDirectory(output())) {
            return result;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(output())) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            // Only whole lines: the worker may be halfway through appending the next one.
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    result.add(JSON.readTree(line));
                }
            }
        }
        return result;
    }

    List<JsonNode> awaitLines(int count, Duration timeout, PgFloProcess... watched) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> lines = lines();
        while (lines.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            lines = lines();
        }
        if (lines.size() < count) {
            StringBuilder logs = new StringBuilder();
            for (PgFloProcess p : watched) {
                logs.append(p.log()).append("\n----\n");
            }
            throw new AssertionError("expected " + count + " lines, found " + lines.size() + "; logs:\n" + logs);
        }
        return lines;
    }

    /** What is missing and where the stream stands, for a failure message. */
    String diagnose(int expectedIds) throws Exception {
        java.util.TreeSet<Integer> missing = new java.util.TreeSet<>();
        for (int i = 1; i <= expectedIds; i++) {
            missing.add(i);
        }
        StringBuilder order = new StringBuilder();
        for (JsonNode line : lines()) {
            JsonNode tuple = line.get("NewTuple");
            if (tuple != null && tuple.has("id")) {
                missing.remove(tuple.get("id").asInt());
            }
        }
        StringBuilder text = new StringBuilder("missing ids: ");
        Integer start = null;
        Integer prev = null;
        for (Integer id : missing) {
            if (prev == null || id != prev + 1) {
                if (start != null) {
                    text.append(start).append('-').append(prev).append(' ');
                }
                start = id;
            }
            prev = id;
        }
        if (start != null) {
            text.append(start).append('-').append(prev);
        }
        try (Connection nats = Nats.connect(natsUrl)) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            text.append("\nstream: ").append(jsm.getStreamInfo(PgFloNames.stream(group)).getStreamState());
            text.append("\nconsumer: ").append(jsm.getConsumerInfo(PgFloNames.stream(group), PgFloNames.durableConsumer(group)));
        }
        text.append("\nslot: ").append(db.queryString("SELECT slot_name || ' ' || confirmed_flush_lsn || ' active=' || active"
                + " FROM pg_replication_slots"));
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        for (PgFloProcess process : processes) {
            process.close();
        }
        try (Connection nats = Nats.connect(natsUrl)) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            List<String> groups = new ArrayList<>(otherGroups);
            groups.add(group);
            for (String g : groups) {
                for (String stream : List.of(PgFloNames.stream(g), PgFloNames.deadLetterStream(g),
                        "KV_" + PgFloNames.stateBucket(g))) {
                    try {
                        jsm.deleteStream(stream);
                    } catch (io.nats.client.JetStreamApiException ignored) {
                        // Already gone, for example after a cleanup test.
                    }
                }
            }
        }
        db.close();
    }
}
