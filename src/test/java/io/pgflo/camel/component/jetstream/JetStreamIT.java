package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class JetStreamIT {

    private String stream;
    private String subject;
    private String url;
    private Connection nats;
    private JetStreamManagement jsm;
    private CamelContext context;

    @BeforeEach
    void setUp() throws Exception {
        stream = TestNames.unique("stream");
        subject = stream.replace('_', '.');
        url = TestServers.nats().url();
        nats = Nats.connect(url);
        jsm = nats.jetStreamManagement();
        context = new DefaultCamelContext();
    }

    @AfterEach
    void tearDown() throws Exception {
        context.stop();
        for (String name : jsm.getStreamNames()) {
            if (name.startsWith(stream)) {
                jsm.deleteStream(name);
            }
        }
        nats.close();
    }

    private String producerUri(String options) {
        return "jetstream:" + stream + "?servers=" + url + "&subject=" + subject + options;
    }

    private static List<OutboundMessage> messages(String... ids) {
        List<OutboundMessage> list = new ArrayList<>();
        for (String id : ids) {
            list.add(new OutboundMessage(id, ("data-" + id).getBytes(StandardCharsets.UTF_8)));
        }
        return list;
    }

    private List<String> storedIds() throws Exception {
        StreamInfo info = jsm.getStreamInfo(stream);
        List<String> ids = new ArrayList<>();
        for (long seq = info.getStreamState().getFirstSequence(); seq <= info.getStreamState().getLastSequence(); seq++) {
            MessageInfo message = jsm.getMessage(stream, seq);
            ids.add(message.getHeaders().getFirst("Nats-Msg-Id"));
        }
        return ids;
    }

    /** Publishes one message to the stream and fetches it as a consumer would. */
    private io.nats.client.Message publishAndFetch(String data) throws Exception {
        nats.jetStream().publish(subject, data.getBytes(StandardCharsets.UTF_8));
        io.nats.client.JetStreamSubscription pull = nats.jetStream().subscribe(subject,
                io.nats.client.PullSubscribeOptions.builder().build());
        try {
            return pull.fetch(1, Duration.ofSeconds(5)).get(0);
        } finally {
            pull.unsubscribe();
        }
    }

    private String createdAt(String name) throws Exception {
        return jsm.getStreamInfo(name).getCreateTime().toInstant().toString();
    }

    @Test
    void aMessageDeadLetteredTwiceIsStoredOnceButARecreatedStreamsMessageIsNew() throws Exception {
        String deadLetters = stream + "_dlq";
        String deadSubject = subject + ".dlq";
        StreamConfiguration streamConfig = StreamConfiguration.builder().name(stream).subjects(subject)
                .storageType(StorageType.Memory).build();
        jsm.addStream(streamConfig);
        StreamProvisioner.ensureDeadLetterStream(jsm, deadLetters, deadSubject);
        JetStreamConfiguration config = new JetStreamConfiguration();
        config.setStream(stream);
        config.setDeadLetterSubject(deadSubject);
        io.nats.client.Message poison = publishAndFetch("poison");
        DeadLetters sender = new DeadLetters(nats.jetStream(), config, createdAt(stream));

        // The second send is the one after a lost ack: the message came back and failed again.
        sender.send(poison, "not valid wire format");
        sender.send(poison, "not valid wire format");

        StreamInfo info = jsm.getStreamInfo(deadLetters);
        assertThat(info.getStreamState().getMsgCount()).isEqualTo(1);
        assertThat(info.getConfiguration().getDuplicateWindow()).isEqualTo(StreamProvisioner.DEAD_LETTER_DUPLICATE_WINDOW);
        assertThat(jsm.getMessage(deadLetters, 1).getHeaders().getFirst("Nats-Msg-Id"))
                .isEqualTo("pgflo-dlq:" + stream + ":" + createdAt(stream) + ":1");

        // The stream is created again (as a change of retention needs): its first message is sequence 1 again.
        jsm.deleteStream(stream);
        Thread.sleep(5);
        jsm.addStream(streamConfig);
        io.nats.client.Message another = publishAndFetch("another poison");
        new DeadLetters(nats.jetStream(), config, createdAt(stream)).send(another, "not valid wire format");

        assertThat(another.metaData().streamSequence()).isEqualTo(1);
        assertThat(jsm.getStreamInfo(deadLetters).getStreamState().getMsgCount()).isEqualTo(2);
    }

    @Test
    void producerKeepsOrderAndDropsReplayedMessages() throws Exception {
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        String uri = producerUri("&createStream=true&retention=limits");
        Exchange first = template.send(uri, e -> e.getIn().setBody(messages("a", "b", "c")));
        assertThat(first.getException()).isNull();
        assertThat(first.getIn().getHeader(JetStreamConstants.PUBLISHED_SEQUENCES, List.class)).containsExactly(1L, 2L, 3L);
        // A replay repeats messages already stored: the server drops them by id and the chain goes on.
        Exchange replay = template.send(uri, e -> e.getIn().setBody(messages("b", "c", "d")));
        assertThat(replay.getException()).isNull();
        assertThat(storedIds()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void afterAFailedPublishNothingFollowsUntilANewSessionReplays() throws Exception {
        jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.Memory)
                .maximumMessageSize(64).build());
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        String uri = producerUri("");
        assertThat(template.send(uri, e -> {
            e.getIn().setHeader(JetStreamProducer.SESSION_HEADER, 1L);
            e.getIn().setBody(messages("a"));
        }).getException()).isNull();
        List<OutboundMessage> tooBigInMiddle = new ArrayList<>(messages("b"));
        tooBigInMiddle.add(new OutboundMessage("c", "x".repeat(200).getBytes(StandardCharsets.UTF_8)));
        tooBigInMiddle.addAll(messages("d"));
        Exchange failed = template.send(uri, e -> {
            e.getIn().setHeader(JetStreamProducer.SESSION_HEADER, 1L);
            e.getIn().setBody(tooBigInMiddle);
        });
        assertThat(failed.getException()).isInstanceOf(JetStreamPublishException.class);
        // d was in flight behind the refused c: the chain made the server refuse it too.
        assertThat(storedIds()).containsExactly("a", "b");

        Exchange stale = template.send(uri, e -> {
            e.getIn().setHeader(JetStreamProducer.SESSION_HEADER, 1L);
            e.getIn().setBody(messages("e"));
        });
        assertThat(stale.getException()).hasMessageContaining("nothing is published until the source replays");

        Exchange replay = template.send(uri, e -> {
            e.getIn().setHeader(JetStreamProducer.SESSION_HEADER, 2L);
            e.getIn().setBody(messages("b", "c2", "d"));
        });
        assertThat(replay.getException()).isNull();
        assertThat(storedIds()).containsExactly("a", "b", "c2", "d");
    }

    @Test
    void producerNeedsASubject() {
        assertThatThrownBy(() -> {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").to("jetstream:" + stream + "?servers=" + url);
                }
            });
            context.start();
        }).hasStackTraceContaining("option 'subject' is required to publish");
    }

    /** A route from the consumer URI that collects the payloads it is handed, in order. */
    private List<String> collectPayloads(String uri) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> delivered.addAll(payloads(e)));
            }
        });
        return delivered;
    }

    private void publish(String... payloads) throws Exception {
        if (StreamProviderHolder.missing(jsm, stream)) {
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(subject).storageType(StorageType.Memory).build());
        }
        for (String payload : payloads) {
            nats.jetStream().publish(subject, payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String consumerUri(String options) {
        return "jetstream:" + stream + "?servers=" + url + "&subject=" + subject + "&durable=" + stream + "_c"
                + "&deadLetterSubject=" + subject + ".dlq&deadLetterStream=" + stream + "_dlq"
                + "&maxWait=100&redeliveryDelay=50&maxRedeliveryDelay=200" + options;
    }

    private List<String> payloads(Exchange exchange) {
        List<String> texts = new ArrayList<>();
        for (Object message : exchange.getIn().getBody(List.class)) {
            texts.add(new String(((InboundMessage) message).data(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    private List<MessageInfo> deadLetters() throws Exception {
        List<MessageInfo> result = new ArrayList<>();
        StreamInfo info = StreamProviderHolder.missing(jsm, stream + "_dlq") ? null : jsm.getStreamInfo(stream + "_dlq");
        if (info == null) {
            return result;
        }
        for (long seq = info.getStreamState().getFirstSequence(); seq <= info.getStreamState().getLastSequence() && seq > 0; seq++) {
            result.add(jsm.getMessage(stream + "_dlq", seq));
        }
        return result;
    }

    private void awaitAckPending(long expected) throws InterruptedException {
        awaitTrue(() -> {
            try {
                return jsm.getConsumerInfo(stream, stream + "_c").getNumAckPending() == expected;
            } catch (Exception ex) {
                return false;
            }
        });
    }

    /** What the route's decoder does with a message that is not wire format. */
    private static void refusePoison(Exchange exchange) {
        for (Object item : exchange.getIn().getBody(List.class)) {
            InboundMessage message = (InboundMessage) item;
            if (new String(message.data(), StandardCharsets.UTF_8).equals("poison")) {
                throw new PoisonMessageException(message.streamSequence(), "not wire format", null);
            }
        }
    }

    /**
     * Creates the durable consumer with a 3 s ack wait and takes the stream's first message from it without
     * ever acknowledging it: a crashed worker's, or a delivery lost on its way.
     */
    private void loseFirstDelivery(int maxAckPending) throws Exception {
        StreamProvisioner.ensureConsumer(jsm, stream, stream + "_c", subject, maxAckPending, 3000, false);
        // A fetch right after the consumer is created can end with no message (seen once in CI): fetch again.
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try (io.nats.client.FetchConsumer lost = nats.getStreamContext(stream).getConsumerContext(stream + "_c")
                    .fetchMessages(1)) {
                io.nats.client.Message first = lost.nextMessage();
                if (first != null) {
                    assertThat(first.metaData().streamSequence()).isEqualTo(1);
                    return;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the consumer of " + stream + " delivered no message within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void consumerAcksOnlyAfterTheRouteAndRedeliversAFailedBatchInOrder() throws Exception {
        publish("1", "2", "3", "4", "5");
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&batchSize=3")).process(e -> {
                    List<String> batch = payloads(e);
                    if (batch.contains("2") && attempts.incrementAndGet() <= 2) {
                        throw new IllegalStateException("sink refused batch " + batch);
                    }
                    delivered.addAll(batch);
                });
            }
        });
        context.start();
        awaitTrue(() -> delivered.size() >= 5);
        assertThat(delivered).containsExactly("1", "2", "3", "4", "5");
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(deadLetters()).isEmpty();
        awaitAckPending(0);
    }

    @Test
    void aBatchFetchedAheadIsHandedBackAtOnceWhenTheConsumerStops() throws Exception {
        publish("1", "2", "3", "4", "5", "6");
        List<String> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch inFirstBatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A long ack wait: without the hand-back, the prefetched batch would come back only after it.
        String uri = consumerUri("&batchSize=3&ackWait=60000");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("first").process(e -> {
                    delivered.addAll(payloads(e));
                    inFirstBatch.countDown();
                    release.await();
                });
            }
        });
        context.start();
        assertThat(inFirstBatch.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // Twice batchSize may be out: the batch in the route and the one fetched ahead.
        assertThat(jsm.getConsumerInfo(stream, stream + "_c").getConsumerConfiguration().getMaxAckPending()).isEqualTo(6);
        awaitAckPending(6);
        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("first");
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        stopper.start();
        Thread.sleep(300);
        release.countDown();
        stopper.join(30_000);
        assertThat(delivered).containsExactly("1", "2", "3");

        long restarted = System.currentTimeMillis();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("second").process(e -> delivered.addAll(payloads(e)));
            }
        });
        awaitTrue(() -> delivered.size() >= 6);
        assertThat(System.currentTimeMillis() - restarted).isLessThan(15_000);
        assertThat(delivered).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aBacklogSmallerThanABatchIsHandedOverWithoutWaitingForThePullToExpire() throws Exception {
        publish("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        String uri = consumerUri("&batchSize=1000").replace("maxWait=100", "maxWait=5000");
        List<String> delivered = collectPayloads(uri);
        long start = System.nanoTime();
        context.start();
        awaitTrue(() -> delivered.size() >= 10);

        // A pull for 1000 messages would end only when it expires, 5 s after it was sent.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(delivered).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void aMessageReachingAnIdleConsumerIsHandedOverWithoutWaitingForThePullToExpire() throws Exception {
        publish("0");
        String uri = consumerUri("&batchSize=1000").replace("maxWait=100", "maxWait=5000");
        List<String> delivered = collectPayloads(uri);
        context.start();
        awaitTrue(() -> delivered.size() >= 1);
        // The next pull is open on an empty stream now.
        Thread.sleep(500);
        long start = System.nanoTime();
        publish("1");
        awaitTrue(() -> delivered.size() >= 2);

        // A pull for a whole batch would hand it over only when it expires, 5 s after it was sent.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(delivered).containsExactly("0", "1");
    }

    @Test
    void aMessageLargerThanMaxBatchBytesStillReachesTheRoute() throws Exception {
        String large = "x".repeat(5000);
        publish("small", large, "after");
        String uri = consumerUri("&maxBatchBytes=1000");
        List<String> delivered = collectPayloads(uri);
        context.start();

        // A pull bounded by maxBatchBytes alone: the server answers 409 for ever and never sends it.
        awaitTrue(() -> delivered.size() >= 3);
        assertThat(delivered).containsExactly("small", large, "after");
    }

    @Test
    void withoutPrefetchTheConsumerAllowsOneBatchOut() throws Exception {
        publish("1", "2", "3", "4");
        List<String> delivered = collectPayloads(consumerUri("&batchSize=3&prefetch=false"));
        context.start();
        awaitTrue(() -> delivered.size() >= 4);
        assertThat(delivered).containsExactly("1", "2", "3", "4");
        assertThat(jsm.getConsumerInfo(stream, stream + "_c").getConsumerConfiguration().getMaxAckPending()).isEqualTo(3);
    }

    @Test
    void poisonMessageIsDeadLetteredAtOnceAndTheRestGoesOn() throws Exception {
        publish("ok-1", "poison", "ok-2");
        List<String> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&batchSize=10")).process(e -> {
                    refusePoison(e);
                    delivered.addAll(payloads(e));
                });
            }
        });
        context.start();
        awaitTrue(() -> delivered.size() >= 2);
        assertThat(delivered).containsExactly("ok-1", "ok-2");
        List<MessageInfo> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(dead.get(0).getHeaders().getFirst(JetStreamConstants.DLQ_SEQUENCE)).isEqualTo("2");
        assertThat(dead.get(0).getHeaders().getFirst(JetStreamConstants.DLQ_DELIVERIES)).isEqualTo("1");
        assertThat(dead.get(0).getHeaders().getFirst(JetStreamConstants.DLQ_REASON)).contains("not wire format");
    }

    /**
     * A poison message in the middle of a batch is dead-lettered and acked; when the rest then fails, all of
     * it goes back, the first message too, and none is taken for processed. The stream keeps the poison
     * message (limits retention), and the worker does not wait for it to come again.
     */
    @Test
    void aFailureAfterAPoisonMessageInTheMiddleHandsBackEveryOtherMessage() throws Exception {
        publish("1", "2", "poison", "4", "5");
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&batchSize=10")).process(e -> {
                    refusePoison(e);
                    if (failures.incrementAndGet() == 1) {
                        throw new IllegalStateException("target refused the batch once");
                    }
                    delivered.addAll(payloads(e));
                });
            }
        });
        context.start();
        awaitTrue(() -> delivered.size() >= 4);
        Thread.sleep(500);
        assertThat(delivered).containsExactly("1", "2", "4", "5");
        assertThat(deadLetters()).hasSize(1);
        awaitAckPending(0);
    }

    /**
     * The same, with a worker restart while the rest waits out its back-off: the new worker knows nothing of
     * the dead letter, the stream still holds it (limits retention), and it must not wait for it.
     */
    @Test
    void aRestartedWorkerDoesNotWaitForAMessageDeadLetteredBeforeTheRestart() throws Exception {
        publish("1", "poison", "3");
        CountDownLatch failed = new CountDownLatch(1);
        String slowRetry = consumerUri("&batchSize=10").replace("redeliveryDelay=50&maxRedeliveryDelay=200",
                "redeliveryDelay=3000&maxRedeliveryDelay=3000");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(slowRetry).routeId("first").process(e -> {
                    refusePoison(e);
                    failed.countDown();
                    throw new IllegalStateException("target down");
                });
            }
        });
        context.start();
        assertThat(failed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        context.getRouteController().stopRoute("first");
        context.removeRoute("first");

        List<String> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&batchSize=10")).routeId("second").process(e -> delivered.addAll(payloads(e)));
            }
        });
        awaitTrue(() -> delivered.size() >= 2);
        assertThat(delivered).containsExactly("1", "3");
        assertThat(deadLetters()).hasSize(1);
    }

    @Test
    void persistentFailureDeadLettersOnlyTheFailingMessageAfterMaxDeliver() throws Exception {
        publish("a", "bad", "c");
        List<String> delivered = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&batchSize=10&maxDeliver=3")).process(e -> {
                    List<String> batch = payloads(e);
                    batch.forEach(p -> seen.computeIfAbsent(p, k -> new AtomicInteger()).incrementAndGet());
                    if (batch.contains("bad")) {
                        throw new IllegalArgumentException("constraint violated by 'bad'");
                    }
                    delivered.addAll(batch);
                });
            }
        });
        context.start();
        awaitTrue(() -> delivered.size() >= 2);
        assertThat(delivered).containsExactly("a", "c");
        List<MessageInfo> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).getData(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(dead.get(0).getHeaders().getFirst(JetStreamConstants.DLQ_REASON)).contains("constraint violated by 'bad'");
        assertThat(seen.get("bad").get()).isEqualTo(4);
    }

    /**
     * After a worker crash, the messages behind its unacknowledged batch are handed back early again and
     * again until that batch is redelivered, and each hand-back counts as a JetStream delivery. Failures
     * after that are still first and second failures: retried, not dead-lettered.
     */
    @Test
    void handBacksThatKeepTheOrderDoNotCountAsFailedAttempts() throws Exception {
        publish("1", "2", "3", "4", "5", "6");
        loseFirstDelivery(20);
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&batchSize=10&maxDeliver=3&ackWait=3000")).process(e -> {
                    List<String> batch = payloads(e);
                    if (batch.contains("2") && failures.incrementAndGet() <= 2) {
                        throw new IllegalArgumentException("target refused '2', attempt " + failures.get());
                    }
                    delivered.addAll(batch);
                });
            }
        });
        context.start();
        awaitTrue(() -> delivered.size() >= 6);
        assertThat(delivered).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(deadLetters()).isEmpty();
    }

    /**
     * A delivery the worker never saw (lost at the end of a fetch, or taken by a crashed worker) comes back
     * only after the ack wait. Meanwhile everything behind it arrives early. With many messages pending and
     * few per fetch, handing those back for a quick redelivery livelocked: they came back in any order and
     * the gate could take only the next one. Held instead, they are processed in order soon after the gap.
     */
    @Test
    void messagesBehindALostDeliveryWaitForItInsteadOfGoingRound() throws Exception {
        String filler = "x".repeat(10_000);
        String[] payloads = new String[300];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = (i + 1) + ":" + filler;
        }
        publish(payloads);
        loseFirstDelivery(2000);
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Few messages per fetch, up to 2000 pending: as with a copy's large messages.
                from(consumerUri("&batchSize=1000&maxBatchBytes=100000&ackWait=3000")).process(e ->
                        payloads(e).forEach(p -> delivered.add(Integer.parseInt(p.substring(0, p.indexOf(':'))))));
            }
        });
        long started = System.nanoTime();
        context.start();
        awaitTrue(() -> delivered.size() >= 300);
        assertThat(delivered).hasSize(300).isSorted().doesNotHaveDuplicates();
        // One ack wait for the lost delivery, then the rest at once; handed back, they took over 30 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void transientFailuresAreRetriedPastMaxDeliverAndNeverDeadLettered() throws Exception {
        publish("x");
        AtomicInteger attempts = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(consumerUri("&maxDeliver=2")).process(e -> {
                    if (attempts.incrementAndGet() <= 5) {
                        throw new IOException("target unreachable");
                    }
                    delivered.addAll(payloads(e));
                });
            }
        });
        context.start();
        awaitTrue(() -> delivered.size() >= 1);
        assertThat(delivered).containsExactly("x");
        assertThat(attempts.get()).isEqualTo(6);
        assertThat(deadLetters()).isEmpty();
    }

    /** Small lookup helper: whether a stream is absent. */
    static final class StreamProviderHolder {
        static boolean missing(JetStreamManagement jsm, String name) throws Exception {
            return StreamProvisioner.streamInfo(jsm, name) == null;
        }
    }
}
