package io.pgflo.camel.component.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgflo.camel.component.sink.webhook.TestWebhookServer.Request;
import io.pgflo.camel.component.sink.webhook.TestWebhookServer.Response;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import io.pgflo.camel.pipeline.ChangeDeadLetters;
import io.pgflo.camel.sink.json.PgFloJson;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** {@code pgflo-sink:webhook} against a local HTTP server that injects failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebhookSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableName USERS = new TableName("public", "users");
    private static final List<ColumnInfo> COLUMNS = List.of(new ColumnInfo("id", 23, "int4", -1, true),
            new ColumnInfo("name", 25, "text", -1, false));

    private TestWebhookServer server;
    private CamelContext context;
    private ProducerTemplate template;
    private final RecordingDeadLetters deadLetters = new RecordingDeadLetters();
    private int routes;
    private String in;

    @BeforeEach
    void start() throws Exception {
        server = new TestWebhookServer();
        context = new DefaultCamelContext();
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        context.stop();
        server.close();
    }

    // ---- what is sent ----

    @Test
    void postsOneJsonObjectPerChangeInCommitOrder() throws Exception {
        route("");
        List<ChangeRecord> changes = changes(1, 3);

        Exchange done = send(changes);

        assertThat(done.getException()).isNull();
        List<Request> requests = server.requests();
        assertThat(requests).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Request request = requests.get(i);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hook");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.text()).isEqualTo(PgFloJson.toLine(changes.get(i)));
        }
    }

    @Test
    void keepsTheQueryStringOfTheUrl() throws Exception {
        addRoute("pgflo-sink:webhook?url=RAW(" + server.url("/hooks/in") + "?tenant=7&sig=a%2Bb)");

        Exchange done = send(changes(1, 1));

        assertThat(done.getException()).isNull();
        assertThat(server.requests().get(0).path()).isEqualTo("/hooks/in");
        assertThat(server.requests().get(0).query()).isEqualTo("tenant=7&sig=a%2Bb");
    }

    @Test
    void batchModePostsOneJsonArrayPerBatch() throws Exception {
        route("batch=true");
        List<ChangeRecord> changes = changes(1, 3);

        Exchange done = send(changes);

        assertThat(done.getException()).isNull();
        assertThat(server.requests()).hasSize(1);
        Request request = server.requests().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode array = JSON.readTree(request.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(array.get(i)).isEqualTo(JSON.readTree(PgFloJson.toLine(changes.get(i))));
        }
    }

    @Test
    void sendsConfiguredHeadersAndNoCamelHeaders() throws Exception {
        route("headers=RAW(Authorization: Bearer ab+c/d==;X-Tenant:7)");

        Exchange done = send(changes(1, 1));

        assertThat(done.getException()).isNull();
        Request request = server.requests().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer ab+c/d==");
        assertThat(request.header("X-Tenant")).isEqualTo("7");
        // The route set these on the incoming exchange; they must not become HTTP headers.
        assertThat(request.headers()).doesNotContainKeys("X-Leak", "CamelLeak");
        assertThat(request.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("camel"));
    }

    @Test
    void contentTypeCanBeOverridden() throws Exception {
        route("headers=RAW(Content-Type:application/vnd.pgflo+json)");

        send(changes(1, 1));

        assertThat(server.requests().get(0).header("Content-Type")).isEqualTo("application/vnd.pgflo+json");
    }

    @Test
    void signsRequestsSoTheReceiverCanVerify() throws Exception {
        String secret = "whsec-test-123";
        route("signingSecret=RAW(" + secret + ")");
        server.respond(attempts(Response.status(503), Response.status(200), Response.status(200)));
        long before = Instant.now().getEpochSecond();

        Exchange done = send(changes(1, 2));

        assertThat(done.getException()).isNull();
        long after = Instant.now().getEpochSecond();
        List<Request> requests = server.requests();
        assertThat(requests).hasSize(3); // a retried request is signed again
        for (Request request : requests) {
            String timestamp = request.header("X-Pgflo-Timestamp");
            String signature = request.header("X-Pgflo-Signature");
            assertThat(Long.parseLong(timestamp)).isBetween(before, after);
            // Verified the way a receiver would, without the sink's own code.
            assertThat(signature).isEqualTo("sha256=" + hmacSha256Hex(secret, timestamp + "." + request.text()));
            assertThat(signature).isNotEqualTo("sha256=" + hmacSha256Hex("other", timestamp + "." + request.text()));
            assertThat(new WebhookSigner(secret).verify(Long.parseLong(timestamp), request.body(), signature)).isTrue();
            assertThat(new WebhookSigner(secret).verify(Long.parseLong(timestamp) + 1, request.body(), signature)).isFalse();
        }
    }

    @Test
    void largeResponsesGiveTheirConnectionBack() throws Exception {
        // Answers above camel-http's 8 kB threshold are streamed (Camel caches them); a response left open
        // would hold its pooled connection, and the 21st request would wait for one (20 per route).
        route("connectTimeout=2s");
        server.respond(request -> Response.status(200, "ok ".repeat(20_000)));

        Exchange done = send(changes(1, 30));

        assertThat(done.getException()).isNull();
        assertThat(server.requests()).hasSize(30);
    }

    @Test
    void unsignedByDefault() throws Exception {
        route("");
        send(changes(1, 1));
        assertThat(server.requests().get(0).headers()).doesNotContainKeys("X-Pgflo-Signature", "X-Pgflo-Timestamp");
    }

    // ---- retries ----

    @Test
    void retriesServerErrorsWithExponentialBackOffThenSucceeds() throws Exception {
        route("retryInitialDelay=200&retryMultiplier=2&retryMaxDelay=10s");
        server.respond(attempts(Response.status(503), Response.status(408), Response.status(500), Response.status(200)));

        Exchange done = send(changes(1, 1));

        assertThat(done.getException()).isNull();
        List<Request> requests = server.requests();
        // Exactly four: HttpClient's own retries are off, so every attempt is the sink's.
        assertThat(requests).hasSize(4);
        assertGap(requests, 0, 200);
        assertGap(requests, 1, 400);
        assertGap(requests, 2, 800);
        assertThat(deadLetters.sent).isEmpty();
    }

    @Test
    void backOffStopsGrowingAtTheMaximum() throws Exception {
        route("retryInitialDelay=100&retryMultiplier=10&retryMaxDelay=250");
        server.respond(attempts(Response.status(502), Response.status(502), Response.status(502), Response.status(200)));

        send(changes(1, 1));

        List<Request> requests = server.requests();
        assertThat(requests).hasSize(4);
        assertGap(requests, 0, 100);
        assertGap(requests, 1, 250);
        assertGap(requests, 2, 250);
    }

    @Test
    void honoursRetryAfterInSeconds() throws Exception {
        route("retryInitialDelay=10");
        server.respond(attempts(Response.status(429).withHeader("Retry-After", "1"), Response.status(200)));

        Exchange done = send(changes(1, 1));

        assertThat(done.getException()).isNull();
        assertThat(server.requests()).hasSize(2);
        assertGap(server.requests(), 0, 1000);
    }

    @Test
    void honoursRetryAfterAsHttpDate() throws Exception {
        route("retryInitialDelay=10");
        server.respond(request -> request.index() == 0
                ? Response.status(503).withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC)))
                : Response.status(200));

        Exchange done = send(changes(1, 1));

        assertThat(done.getException()).isNull();
        assertThat(server.requests()).hasSize(2);
        // The date has whole seconds, so the wait is between one and two seconds after the response, which
        // the request's receipt (the clock here) precedes a little, on a busy machine by tens of milliseconds.
        long gap = (server.requests().get(1).receivedNanos() - server.requests().get(0).receivedNanos()) / 1_000_000;
        assertThat(gap).isGreaterThanOrEqualTo(995).isLessThan(2_500);
    }

    @Test
    void capsRetryAfterAtMaxRetryAfter() throws Exception {
        route("retryInitialDelay=10&maxRetryAfter=300");
        server.respond(attempts(Response.status(503).withHeader("Retry-After", "3600"), Response.status(200)));

        Exchange done = send(changes(1, 1));

        assertThat(done.getException()).isNull();
        assertGap(server.requests(), 0, 300);
    }

    @Test
    void keepsOrderWhenAChangeInTheMiddleIsRetried() throws Exception {
        route("retryInitialDelay=20");
        boolean[] failedOnce = {false};
        server.respond(request -> {
            if (id(JSON.readTree(request.body())) == 3 && !failedOnce[0]) {
                failedOnce[0] = true;
                return Response.status(503);
            }
            return Response.status(200);
        });

        Exchange done = send(changes(1, 5));

        assertThat(done.getException()).isNull();
        assertThat(ids(server.requests())).containsExactly(1, 2, 3, 3, 4, 5);
    }

    // ---- failures the JetStream consumer must treat as transient ----

    @Test
    void exhaustedRetriesFailTheBatchTransiently() throws Exception {
        route("retryInitialDelay=10&maxAttempts=3");
        server.respond(request -> Response.status(503, "down for maintenance"));

        Exchange done = send(changes(1, 2));

        assertThat(server.requests()).hasSize(3); // the second change was never sent
        WebhookUnavailableException failure = find(done.getException(), WebhookUnavailableException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getLastStatus()).isEqualTo(503);
        assertThat(failure).hasMessageContaining("3 attempts").hasMessageContaining("down for maintenance");
        assertThat(isTransient(done.getException())).isTrue();
        assertThat(deadLetters.sent).isEmpty();
    }

    @Test
    void responseTimeoutIsATransientFailure() throws Exception {
        route("responseTimeout=300&retryInitialDelay=10&maxAttempts=2");
        server.respond(request -> Response.status(200).delayed(3_000));
        long start = System.nanoTime();

        Exchange done = send(changes(1, 1));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(server.requests()).hasSize(2);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(600).isLessThan(2_500);
        WebhookUnavailableException failure = find(done.getException(), WebhookUnavailableException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getLastStatus()).isEqualTo(-1);
        assertThat(find(failure, SocketTimeoutException.class)).isNotNull();
        assertThat(isTransient(done.getException())).isTrue();
    }

    @Test
    void connectionRefusedIsATransientFailure() throws Exception {
        int closedPort;
        try (TestWebhookServer gone = new TestWebhookServer()) {
            closedPort = gone.port();
        }
        addRoute("pgflo-sink:webhook?url=RAW(http://127.0.0.1:" + closedPort + "/hook)&retryInitialDelay=10&maxAttempts=2");

        Exchange done = send(changes(1, 1));

        assertThat(find(done.getException(), WebhookUnavailableException.class)).isNotNull();
        assertThat(isTransient(done.getException())).isTrue();
    }

    @Test
    void stoppingCamelEndsTheBackOffWithATransientFailure() throws Exception {
        route("retryInitialDelay=30s");
        server.respond(request -> Response.status(503));
        CompletableFuture<Exchange> sending = CompletableFuture.supplyAsync(() -> send(changes(1, 1)));
        awaitRequests(1);

        long start = System.nanoTime();
        context.stop();

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        Exchange done = sending.get(5, TimeUnit.SECONDS);
        assertThat(find(done.getException(), WebhookUnavailableException.class)).isNotNull();
        assertThat(isTransient(done.getException())).isTrue();
    }

    // ---- rejections ----

    @Test
    void deadLettersAChangeRejectedWith400AndContinues() throws Exception {
        bindDeadLetters();
        route("retryInitialDelay=10");
        server.respond(request -> id(JSON.readTree(request.body())) == 2
                ? Response.status(400, "column \"name\" is invalid\nsee café") : Response.status(200));
        List<ChangeRecord> changes = changes(1, 3);

        Exchange done = send(changes);

        assertThat(done.getException()).isNull();
        assertThat(ids(server.requests())).containsExactly(1, 2, 3); // a 400 is not retried
        assertThat(deadLetters.sent).hasSize(1);
        DeadLetter letter = deadLetters.sent.get(0);
        assertThat(letter.change()).isEqualTo(changes.get(1));
        assertThat(letter.reason()).contains("400");
        assertThat(letter.details()).containsEntry("Pgflo-Dlq-Http-Status", "400")
                .containsEntry("Pgflo-Dlq-Http-Body", "column \"name\" is invalid see caf\\u00e9");
    }

    @Test
    void deadLetterBodyIsTruncated() throws Exception {
        bindDeadLetters();
        route("");
        server.respond(request -> Response.status(422, "x".repeat(10_000)));

        send(changes(1, 1));

        String body = deadLetters.sent.get(0).details().get("Pgflo-Dlq-Http-Body");
        assertThat(body).hasSizeLessThanOrEqualTo(WebhookSinkProducer.MAX_BODY_DETAIL + 3).startsWith("xxxx").endsWith("...");
        assertThat(deadLetters.sent.get(0).details()).containsEntry("Pgflo-Dlq-Http-Status", "422");
    }

    @Test
    void aRejectionWithoutDeadLettersFailsTheBatchAndIsNotTransient() throws Exception {
        route("");
        server.respond(request -> id(JSON.readTree(request.body())) == 2 ? Response.status(404, "no such hook")
                : Response.status(200));

        Exchange done = send(changes(1, 3));

        assertThat(ids(server.requests())).containsExactly(1, 2); // stops at the rejected change
        WebhookRejectedException failure = find(done.getException(), WebhookRejectedException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getStatus()).isEqualTo(404);
        assertThat(failure.getPosition()).isEqualTo(changes(2, 2).get(0).position());
        assertThat(failure).hasMessageContaining("no such hook");
        assertThat(isTransient(done.getException())).isFalse();
    }

    @Test
    void batchModeIsolatesTheRejectedChangeAndKeepsOrder() throws Exception {
        bindDeadLetters();
        route("batch=true");
        server.respond(request -> {
            List<Integer> ids = new ArrayList<>();
            JSON.readTree(request.body()).forEach(change -> ids.add(id(change)));
            return ids.contains(3) ? Response.status(422, "bad row 3") : Response.status(200);
        });
        List<ChangeRecord> changes = changes(1, 5);

        Exchange done = send(changes);

        assertThat(done.getException()).isNull();
        List<Request> requests = server.requests();
        assertThat(requests).hasSize(6);
        assertThat(arrayIds(requests.get(0))).containsExactly(1, 2, 3, 4, 5);
        for (int i = 1; i <= 5; i++) {
            assertThat(arrayIds(requests.get(i))).containsExactly(i); // one-element arrays, in order
        }
        assertThat(deadLetters.sent).extracting(DeadLetter::change).containsExactly(changes.get(2));
        assertThat(deadLetters.sent.get(0).details()).containsEntry("Pgflo-Dlq-Http-Status", "422")
                .containsEntry("Pgflo-Dlq-Http-Body", "bad row 3");
    }

    @Test
    void batchModeRetriesTheWholeBatchOnServerErrors() throws Exception {
        route("batch=true&retryInitialDelay=10");
        server.respond(attempts(Response.status(503), Response.status(200)));

        Exchange done = send(changes(1, 4));

        assertThat(done.getException()).isNull();
        assertThat(server.requests()).hasSize(2);
        assertThat(arrayIds(server.requests().get(1))).containsExactly(1, 2, 3, 4);
    }

    // ---- configuration ----

    @Test
    void badOptionsFailAtStartWithoutShowingHeaderValues() {
        assertThatThrownBy(() -> addRoute("pgflo-sink:webhook?batch=true"))
                .hasStackTraceContaining("option 'url' is required");
        assertThatThrownBy(() -> addRoute("pgflo-sink:webhook?url=RAW(ftp://example.com/x)"))
                .hasStackTraceContaining("http or https");
        Throwable badHeader = org.assertj.core.api.Assertions.catchThrowable(() ->
                addRoute("pgflo-sink:webhook?url=RAW(http://127.0.0.1/x)&headers=RAW(Authorization Bearer topsecret)"));
        assertThat(badHeader).hasStackTraceContaining("has no ':'");
        assertThat(stackTrace(badHeader)).doesNotContain("topsecret");
        for (String query : List.of("connectTimeout=3", "bridgeEndpoint=true", "httpClient.foo=1")) {
            assertThatThrownBy(() -> addRoute("pgflo-sink:webhook?url=RAW(http://127.0.0.1/x?a=1&" + query + ")"))
                    .as(query).hasStackTraceContaining("is a camel-http endpoint option");
        }
    }

    @Test
    void secretsNeverReachTheLogs() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<String, Level> saved = new java.util.HashMap<>();
        List<Appender<ILoggingEvent>> detached = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        logs.setContext(logging);
        logs.start();
        root.addAppender(logs);
        for (String name : List.of("org.apache.camel", "io.pgflo")) {
            saved.put(name, logging.getLogger(name).getLevel());
            logging.getLogger(name).setLevel(Level.DEBUG);
        }
        try {
            route("signingSecret=RAW(sign-me-4711)&retryInitialDelay=10&maxAttempts=2"
                    + "&headers=RAW(Authorization:Bearer tok-4711;X-Api-Key:key-4711)");
            server.respond(request -> id(JSON.readTree(request.body())) == 1 ? Response.status(503)
                    : Response.status(400, "rejected"));
            // 503 twice: retried, then a transient failure that Camel logs with the route's history.
            Exchange first = send(changes(1, 1));
            assertThat(first.getException()).isNotNull();
            // 400 without dead letters: a failed exchange with the endpoint in the message history.
            Exchange second = send(changes(2, 2));
            assertThat(second.getException()).isNotNull();
            String endpoints = context.getEndpoints().toString();
            assertThat(endpoints).contains("pgflo-sink").doesNotContain("4711");
        } finally {
            root.detachAppender(logs);
            detached.forEach(root::addAppender);
            saved.forEach((name, level) -> logging.getLogger(name).setLevel(level));
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("attempt 1 of 2"));
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).as("log line of %s", event.getLoggerName()).doesNotContain("4711");
        }
    }

    // ---- helpers ----

    private void route(String options) throws Exception {
        addRoute("pgflo-sink:webhook?url=RAW(" + server.url("/hook") + ")" + (options.isEmpty() ? "" : "&" + options));
    }

    private void addRoute(String sinkUri) throws Exception {
        in = "direct:in-" + (++routes);
        String from = in;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("webhook-test-" + routes)
                        .setHeader("X-Leak", constant("from the route"))
                        .setHeader("CamelLeak", constant("from the route"))
                        .to(sinkUri);
            }
        });
    }

    private Exchange send(List<ChangeRecord> changes) {
        return template.send(in, exchange -> exchange.getIn().setBody(changes));
    }

    private void bindDeadLetters() {
        context.getRegistry().bind("deadLetters", deadLetters);
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(count);
    }

    /** Answers the n-th request with the n-th response; 200 after the list ends. */
    private static TestWebhookServer.Responder attempts(Response... responses) {
        return request -> request.index() < responses.length && responses[request.index()] != null
                ? responses[request.index()] : Response.status(200);
    }

    /** The wait between request {@code i} and the next is at least the expected one, and not much longer. */
    private static void assertGap(List<Request> requests, int i, long expectedMillis) {
        long gap = (requests.get(i + 1).receivedNanos() - requests.get(i).receivedNanos()) / 1_000_000;
        assertThat(gap).as("wait after attempt %d", i + 1).isGreaterThanOrEqualTo(expectedMillis - 5)
                .isLessThan(expectedMillis + 1_000);
    }

    private static List<ChangeRecord> changes(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(WebhookSinkTest::change).toList();
    }

    private static ChangeRecord change(int id) {
        Lsn commit = Lsn.of(0x1000_0000L + id * 0x100L);
        TransactionInfo tx = new TransactionInfo(new Xid(700 + id), commit, Instant.parse("2025-01-02T03:04:05Z"), null);
        RowChange row = new RowChange(Operation.INSERT, USERS, COLUMNS, ReplicaIdentity.DEFAULT,
                List.of(new TupleValue.Text(Integer.toString(id)), new TupleValue.Text("user " + id)), null, false,
                Lsn.of(commit.value() - 0x10), tx);
        return new ChangeRecord(new Position(commit, 0), Instant.parse("2025-01-02T03:04:06Z"), row);
    }

    private static int id(JsonNode change) {
        return change.get("NewTuple").get("id").asInt();
    }

    private static List<Integer> ids(List<Request> requests) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (Request request : requests) {
            ids.add(id(JSON.readTree(request.body())));
        }
        return ids;
    }

    private static List<Integer> arrayIds(Request request) throws IOException {
        JsonNode array = JSON.readTree(request.body());
        assertThat(array.isArray()).as("request body is a JSON array").isTrue();
        List<Integer> ids = new ArrayList<>();
        array.forEach(change -> ids.add(id(change)));
        return ids;
    }

    private static String hmacSha256Hex(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** As the JetStream consumer decides: an IOException anywhere in the cause chain. */
    private static boolean isTransient(Throwable error) {
        return find(error, IOException.class) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String stackTrace(Throwable error) {
        java.io.StringWriter out = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    record DeadLetter(ChangeRecord change, String reason, Map<String, String> details) {
    }

    /** Records dead letters instead of publishing them. */
    static final class RecordingDeadLetters extends ChangeDeadLetters {

        final List<DeadLetter> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(ChangeRecord change, String reason, Map<String, String> details) {
            sent.add(new DeadLetter(change, reason, Map.copyOf(details)));
        }
    }
}
