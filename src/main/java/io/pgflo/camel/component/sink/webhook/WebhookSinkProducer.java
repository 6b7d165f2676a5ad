package io.pgflo.camel.component.sink.webhook;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.pipeline.ChangeDeadLetters;
import io.pgflo.camel.sink.json.PgFloJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.UnitOfWorkHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs changes as pg_flo's JSON ({@code docs/json-format.md}) to a webhook, through a camel-http
 * endpoint: one request per change, or one JSON array per batch with option {@code batch}.
 *
 * <p>Delivery is strictly sequential, in the batch's (commit) order. Each request is tried until the
 * webhook answers:
 * <ul>
 *   <li>2xx: accepted;</li>
 *   <li>a network error, a timeout, 408, 429, 5xx (or any other non-4xx answer): retried with exponential
 *       back-off, or after the {@code Retry-After} the answer asked for, up to {@code maxAttempts}
 *       attempts; then the batch fails with a {@link WebhookUnavailableException}, an {@code IOException}
 *       that the JetStream consumer treats as transient, so the batch is redelivered later;</li>
 *   <li>another 4xx: the change is rejected and goes to the dead-letter stream
 *       ({@link ChangeDeadLetters}, found in the registry by type) with the status and response body;
 *       without that bean the batch fails with a {@link WebhookRejectedException}. In batch mode a
 *       rejected array is sent again one change at a time (each as a one-element array), so only the
 *       rejected changes are dead-lettered.</li>
 * </ul>
 * The exchange completes only when every change was accepted or dead-lettered. Header values and the
 * signing secret are never logged.
 */
public class WebhookSinkProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkProducer.class);

    /** Dead-letter header with the rejecting answer's HTTP status. */
    public static final String DLQ_HTTP_STATUS = "Pgflo-Dlq-Http-Status";
    /** Dead-letter header with the rejecting answer's body, shortened and reduced to printable ASCII. */
    public static final String DLQ_HTTP_BODY = "Pgflo-Dlq-Http-Body";
    /** Longest response body kept for the dead-letter header and error messages, in characters. */
    static final int MAX_BODY_DETAIL = 1024;

    private static final String CONTENT_TYPE = "application/json";
    private static final long PAUSE_SLICE_MILLIS = 100;

    private final WebhookOptions options;
    private final Map<String, String> headers;
    private final WebhookSigner signer;
    private final String target;
    private final Clock clock;
    private Endpoint httpEndpoint;
    private Producer httpProducer;
    private volatile ChangeDeadLetters deadLetters;

    public WebhookSinkProducer(Endpoint endpoint, WebhookOptions options) {
        this(endpoint, options, Clock.systemUTC());
    }

    WebhookSinkProducer(Endpoint endpoint, WebhookOptions options, Clock clock) {
        super(endpoint);
        options.validate();
        this.options = options;
        this.headers = WebhookHeaders.parse(options.getHeaders());
        this.signer = options.getSigningSecret() == null ? null : new WebhookSigner(options.getSigningSecret());
        this.target = URISupport.sanitizeUri(options.getUrl());
        this.clock = clock;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        refuseCamelHttpOptionsInQuery();
        httpEndpoint = getEndpoint().getCamelContext().getEndpoint(httpUri());
        if (!(httpEndpoint instanceof HttpEndpoint http)) {
            throw new IllegalStateException("pgflo-sink:webhook needs camel-http for " + target + ", but the URL resolved to "
                    + httpEndpoint);
        }
        // The sink retries with its own back-off and Retry-After; HttpClient must not retry (it re-sends
        // 503 and 429 answers by itself otherwise). The client is built when the producer is created.
        http.getClientBuilder().disableAutomaticRetries();
        // camel-http re-encodes the query it parsed from the endpoint URI (sorted, "%2B" sent as "+"); the
        // request goes to the URL exactly as configured.
        http.setHttpUri(new URI(targetUrl()));
        httpProducer = httpEndpoint.createProducer();
        ServiceHelper.startService(httpProducer);
        LOG.info("Webhook sink posts {} to {} through camel-http (connect timeout {} ms, response timeout {} ms, up to {}"
                + " attempts per request){}{}", options.isBatch() ? "one JSON array per batch" : "one request per change",
                target, options.getConnectTimeout(), options.getResponseTimeout(), options.getMaxAttempts(),
                headers.isEmpty() ? "" : ", with headers " + headers.keySet(),
                signer == null ? "" : ", signed (" + WebhookSigner.SIGNATURE_HEADER + ")");
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(httpProducer);
        httpProducer = null;
        super.doStop();
    }

    /**
     * camel-http would read a query parameter named like one of its endpoint options as that option (and the
     * URL's own value clashes with the sink's); refuse such URLs with a clear message.
     */
    private void refuseCamelHttpOptionsInQuery() throws Exception {
        URI url = new URI(targetUrl());
        String query = url.getRawQuery();
        if (query == null || query.isEmpty()) {
            return;
        }
        Component http = getEndpoint().getCamelContext().getComponent(url.getScheme().toLowerCase(Locale.ROOT));
        if (http == null) {
            return;
        }
        // Endpoint options, and component options camel-http also reads from the URI (timeouts, for example).
        List<PropertyConfigurerGetter> known = new ArrayList<>();
        if (http.getEndpointPropertyConfigurer() instanceof PropertyConfigurerGetter getter) {
            known.add(getter);
        }
        if (http.getComponentPropertyConfigurer() instanceof PropertyConfigurerGetter getter) {
            known.add(getter);
        }
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (known.stream().anyMatch(getter -> getter.getOptionType(name, true) != null)
                    || name.startsWith("httpClient.") || name.startsWith("httpConnection.")) {
                throw new IllegalArgumentException("pgflo-sink:webhook: the query parameter '" + name + "' of option 'url'"
                        + " is a camel-http endpoint option, which camel-http would take for itself; rename it");
            }
        }
    }

    /** The configured URL without its fragment, which is never sent. */
    private String targetUrl() {
        String url = options.getUrl().trim();
        int fragment = url.indexOf('#');
        return fragment >= 0 ? url.substring(0, fragment) : url;
    }

    /** The camel-http endpoint URI: the user's URL and the sink's fixed HTTP settings. */
    String httpUri() {
        String url = targetUrl();
        return url + (url.indexOf('?') >= 0 ? "&" : "?")
                + "httpMethod=POST"
                + "&throwExceptionOnFailure=false"
                + "&followRedirects=false"
                + "&copyHeaders=false"
                + "&skipControlHeaders=true"
                + "&connectTimeout=" + options.getConnectTimeout()
                + "&connectionRequestTimeout=" + options.getConnectTimeout()
                + "&responseTimeout=" + options.getResponseTimeout()
                + "&soTimeout=" + options.getResponseTimeout();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (!(body instanceof List<?> items)) {
            throw new IllegalArgumentException("pgflo-sink:webhook expects a List<ChangeRecord> body, got "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        List<ChangeRecord> records = new ArrayList<>(items.size());
        for (Object item : items) {
            records.add((ChangeRecord) item);
        }
        if (records.isEmpty()) {
            return;
        }
        if (options.isBatch()) {
            deliverBatch(records);
        } else {
            for (ChangeRecord record : records) {
                Reply reply = deliver(object(record), "the change at " + record.position());
                if (!reply.accepted()) {
                    reject(record, reply);
                }
            }
        }
    }

    private void deliverBatch(List<ChangeRecord> records) throws Exception {
        Reply reply = deliver(array(records), describe(records));
        if (reply.accepted()) {
            return;
        }
        if (records.size() == 1) {
            reject(records.get(0), reply);
            return;
        }
        LOG.warn("Webhook {} rejected {} with HTTP {}; sending its changes one at a time to find the rejected ones",
                target, describe(records), reply.status());
        for (ChangeRecord record : records) {
            Reply single = deliver(array(List.of(record)), "the change at " + record.position());
            if (!single.accepted()) {
                reject(record, single);
            }
        }
    }

    /**
     * Sends the body until the webhook accepts or rejects it.
     *
     * @return an accepted (2xx) or rejected (other 4xx) reply
     * @throws WebhookUnavailableException when every attempt failed in a way worth retrying, or the sink stops
     */
    private Reply deliver(byte[] body, String what) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Reply reply = post(body);
            if (reply.accepted() || reply.rejected()) {
                if (attempt > 1) {
                    LOG.info("Webhook {} answered HTTP {} for {} at attempt {}", target, reply.status(), what, attempt);
                }
                return reply;
            }
            if (attempt >= options.getMaxAttempts()) {
                throw new WebhookUnavailableException("webhook " + target + " did not take " + what + " in "
                        + attempt + " attempts; last: " + reply.describe(), reply.status(), reply.error());
            }
            Duration wait = delay(attempt, reply);
            LOG.warn("Webhook {} did not take {} (attempt {} of {}): {}; retrying in {} ms", target, what, attempt,
                    options.getMaxAttempts(), reply.describe(), wait.toMillis());
            pause(wait, what);
        }
    }

    /** One POST through the camel-http producer. */
    private Reply post(byte[] body) {
        Exchange request = httpEndpoint.createExchange(ExchangePattern.InOut);
        Message in = request.getIn();
        in.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        // Only our own headers: every header of the message would become an HTTP header.
        headers.forEach(in::setHeader);
        if (signer != null) {
            long timestamp = clock.instant().getEpochSecond();
            in.setHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
            in.setHeader(WebhookSigner.SIGNATURE_HEADER, signer.signature(timestamp, body));
        }
        in.setBody(body);
        try {
            try {
                httpProducer.process(request);
            } catch (Exception e) {
                request.setException(e);
            }
            Exception error = request.getException();
            if (error != null) {
                return new Reply(-1, null, null, error);
            }
            Message out = request.getMessage();
            Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null) {
                return new Reply(-1, null, null, new IllegalStateException("camel-http gave no response code"));
            }
            String text = status >= 200 && status < 300 ? null : responseText(request, out);
            return new Reply(status, out.getHeader("Retry-After", String.class), text, null);
        } finally {
            // Runs what camel-http left for the end of the exchange (closing the response and its cached
            // stream); this exchange never goes through a route, so nothing else would.
            UnitOfWorkHelper.doneSynchronizations(request, request.getExchangeExtension().handoverCompletions());
        }
    }

    private static String responseText(Exchange request, Message out) {
        try {
            String text = request.getContext().getTypeConverter().tryConvertTo(String.class, request, out.getBody());
            return text == null ? "" : text;
        } catch (RuntimeException e) {
            return "(unreadable response body: " + e.getMessage() + ")";
        }
    }

    Duration delay(int failedAttempts, Reply reply) {
        Duration retryAfter = RetryAfter.parse(reply.retryAfter(), clock.instant());
        if (retryAfter != null) {
            return retryAfter.compareTo(Duration.ofMillis(options.getMaxRetryAfter())) > 0
                    ? Duration.ofMillis(options.getMaxRetryAfter()) : retryAfter;
        }
        double millis = options.getRetryInitialDelay() * Math.pow(options.getRetryMultiplier(), failedAttempts - 1);
        return Duration.ofMillis((long) Math.min(millis, options.getRetryMaxDelay()));
    }

    /** Waits, but gives up (transiently) as soon as the sink or Camel is stopping. */
    private void pause(Duration wait, String what) throws WebhookUnavailableException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!isRunAllowed() || getEndpoint().getCamelContext().isStopping()) {
                throw new WebhookUnavailableException("pgflo-sink:webhook is stopping; " + what + " is left for redelivery",
                        -1, null);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(PAUSE_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WebhookUnavailableException("interrupted while waiting to retry " + what, -1, e);
            }
        }
    }

    private void reject(ChangeRecord record, Reply reply) throws Exception {
        String body = detail(reply.body());
        ChangeDeadLetters dead = deadLetters();
        if (dead == null) {
            throw new WebhookRejectedException("webhook " + target + " rejected the change at " + record.position()
                    + " with HTTP " + reply.status() + (body.isEmpty() ? "" : ": " + body)
                    + "; there is no dead-letter stream (no ChangeDeadLetters bean), so the batch fails",
                    record.position(), reply.status());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put(DLQ_HTTP_STATUS, Integer.toString(reply.status()));
        details.put(DLQ_HTTP_BODY, body);
        dead.send(record, "webhook rejected the change with HTTP " + reply.status(), details);
        LOG.warn("Webhook {} rejected the change at {} with HTTP {}; it went to the dead-letter stream", target,
                record.position(), reply.status());
    }

    private ChangeDeadLetters deadLetters() {
        ChangeDeadLetters found = deadLetters;
        if (found == null) {
            found = getEndpoint().getCamelContext().getRegistry().findSingleByType(ChangeDeadLetters.class);
            deadLetters = found;
        }
        return found;
    }

    /** The response body as a short single line of printable ASCII (NATS header values allow nothing else). */
    static String detail(String body) {
        if (body == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(body.length(), MAX_BODY_DETAIL) + 8);
        int i = 0;
        for (; i < body.length() && out.length() < MAX_BODY_DETAIL; i++) {
            char c = body.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append(' ');
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        String text = (out.length() > MAX_BODY_DETAIL ? out.substring(0, MAX_BODY_DETAIL) : out.toString()).strip();
        return i < body.length() ? text + "..." : text;
    }

    private static byte[] object(ChangeRecord record) {
        return PgFloJson.toLine(record).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] array(List<ChangeRecord> records) {
        StringBuilder json = new StringBuilder(records.size() * 256);
        json.append('[');
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(PgFloJson.toLine(records.get(i)));
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(List<ChangeRecord> records) {
        return records.size() == 1 ? "the change at " + records.get(0).position()
                : "the batch of " + records.size() + " changes " + records.get(0).position() + " to "
                + records.get(records.size() - 1).position();
    }

    /** One attempt's outcome: an HTTP status with its Retry-After and body, or an error and status -1. */
    record Reply(int status, String retryAfter, String body, Exception error) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** A 4xx that retrying will not change: the change itself is refused. */
        boolean rejected() {
            return status >= 400 && status < 500 && status != 408 && status != 429;
        }

        String describe() {
            if (error != null) {
                return error.getClass().getSimpleName() + ": " + error.getMessage();
            }
            String text = detail(body);
            return "HTTP " + status + (text.isEmpty() ? "" : " " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
    }
}
