package io.pgflo.camel.component.sink.webhook;

import java.io.IOException;

/**
 * The webhook could not take a request for now: network errors, timeouts, 408, 429 or 5xx answers went on
 * for every allowed attempt. It is an {@link IOException}, so the JetStream consumer treats the batch's
 * failure as transient and redelivers it later, however often, without dead-lettering it.
 */
public class WebhookUnavailableException extends IOException {

    private final int lastStatus;

    public WebhookUnavailableException(String message, int lastStatus, Throwable cause) {
        super(message, cause);
        this.lastStatus = lastStatus;
    }

    /** The status of the last answer, or -1 when the last attempt got none (network error, timeout). */
    public int getLastStatus() {
        return lastStatus;
    }
}
