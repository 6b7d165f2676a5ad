package io.pgflo.camel.component.sink.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.util.URISupport;

/**
 * Options of {@code pgflo-sink:webhook}. Durations are held in milliseconds; in a URI they take Camel's
 * duration form ({@code 500}, {@code 5s}, {@code 1m30s}).
 */
@UriParams
public class WebhookOptions {

    static {
        // Camel masks options whose name holds a sensitive word when it logs an endpoint URI; "headers" is
        // not one of its words, and ours carries authorization values.
        URISupport.addSanitizeKeywords("headers");
    }

    public static final long DEFAULT_CONNECT_TIMEOUT = 5_000;
    public static final long DEFAULT_RESPONSE_TIMEOUT = 30_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final long DEFAULT_RETRY_INITIAL_DELAY = 1_000;
    public static final long DEFAULT_RETRY_MAX_DELAY = 30_000;
    public static final double DEFAULT_RETRY_MULTIPLIER = 2.0;
    public static final long DEFAULT_MAX_RETRY_AFTER = 300_000;

    @UriParam(label = "webhook", description = "The http or https URL the webhook sink POSTs to (pg_flo's --webhook-url)."
            + " Wrap it in RAW(...) when it has a query string.")
    private String url;

    @UriParam(label = "webhook", description = "POST each batch as one JSON array instead of one request per change.",
            defaultValue = "false")
    private boolean batch;

    @UriParam(label = "webhook,security", secret = true, description = "Extra request headers, as Name:Value pairs"
            + " separated by ';', for example Authorization:Bearer abc;X-Tenant:7. Values are never logged.")
    private String headers;

    @UriParam(label = "webhook,security", secret = true, description = "Secret of the HMAC-SHA256 signature. When set,"
            + " every request carries X-Pgflo-Timestamp (unix seconds) and X-Pgflo-Signature: sha256=<hex HMAC of"
            + " '<timestamp>.<body>'>.")
    private String signingSecret;

    @UriParam(label = "webhook", description = "Time allowed to establish the connection.", defaultValue = "5s",
            javaType = "java.time.Duration")
    private long connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    @UriParam(label = "webhook", description = "Time allowed for the response to arrive, and between its packets.",
            defaultValue = "30s", javaType = "java.time.Duration")
    private long responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

    @UriParam(label = "webhook", description = "Attempts per request (the first and the retries) on a network error,"
            + " 408, 429 or 5xx before the batch fails with a transient error, so it is redelivered later.",
            defaultValue = "10")
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

    @UriParam(label = "webhook", description = "Wait before the first retry.", defaultValue = "1s",
            javaType = "java.time.Duration")
    private long retryInitialDelay = DEFAULT_RETRY_INITIAL_DELAY;

    @UriParam(label = "webhook", description = "Longest wait between retries computed by back-off.", defaultValue = "30s",
            javaType = "java.time.Duration")
    private long retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;

    @UriParam(label = "webhook", description = "Factor by which the wait grows after each failed attempt.",
            defaultValue = "2.0")
    private double retryMultiplier = DEFAULT_RETRY_MULTIPLIER;

    @UriParam(label = "webhook", description = "Longest wait a Retry-After response header may ask for; a longer one"
            + " is cut to this.", defaultValue = "5m", javaType = "java.time.Duration")
    private long maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;

    /** Every problem with the options, empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("option 'url' is required (pg_flo's --webhook-url)");
        } else {
            try {
                URI uri = new URI(url);
                if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                        || uri.getHost() == null) {
                    problems.add("option 'url' must be an absolute http or https URL with a host, not '"
                            + URISupport.sanitizeUri(url) + "'");
                }
            } catch (URISyntaxException e) {
                problems.add("option 'url' is not a valid URL: " + e.getReason());
            }
        }
        try {
            WebhookHeaders.parse(headers);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (signingSecret != null && signingSecret.isEmpty()) {
            problems.add("option 'signingSecret' must not be empty when set");
        }
        if (connectTimeout <= 0) {
            problems.add("option 'connectTimeout' must be positive");
        }
        if (responseTimeout <= 0) {
            problems.add("option 'responseTimeout' must be positive");
        }
        if (maxAttempts < 1) {
            problems.add("option 'maxAttempts' must be at least 1");
        }
        if (retryInitialDelay < 0 || retryMaxDelay < 0 || maxRetryAfter < 0) {
            problems.add("options 'retryInitialDelay', 'retryMaxDelay' and 'maxRetryAfter' must not be negative");
        }
        if (!(retryMultiplier >= 1.0) || Double.isInfinite(retryMultiplier)) {
            problems.add("option 'retryMultiplier' must be a number of at least 1");
        }
        return problems;
    }

    /** Throws when the options are not usable, naming every problem. */
    public void validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("pgflo-sink:webhook: " + String.join("; ", problems));
        }
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public boolean isBatch() { return batch; }
    public void setBatch(boolean batch) { this.batch = batch; }
    public String getHeaders() { return headers; }
    public void setHeaders(String headers) { this.headers = headers; }
    public String getSigningSecret() { return signingSecret; }
    public void setSigningSecret(String signingSecret) { this.signingSecret = signingSecret; }
    public long getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(long connectTimeout) { this.connectTimeout = connectTimeout; }
    public long getResponseTimeout() { return responseTimeout; }
    public void setResponseTimeout(long responseTimeout) { this.responseTimeout = responseTimeout; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public long getRetryInitialDelay() { return retryInitialDelay; }
    public void setRetryInitialDelay(long retryInitialDelay) { this.retryInitialDelay = retryInitialDelay; }
    public long getRetryMaxDelay() { return retryMaxDelay; }
    public void setRetryMaxDelay(long retryMaxDelay) { this.retryMaxDelay = retryMaxDelay; }
    public double getRetryMultiplier() { return retryMultiplier; }
    public void setRetryMultiplier(double retryMultiplier) { this.retryMultiplier = retryMultiplier; }
    public long getMaxRetryAfter() { return maxRetryAfter; }
    public void setMaxRetryAfter(long maxRetryAfter) { this.maxRetryAfter = maxRetryAfter; }
}
