package io.pgflo.camel.component.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The webhook sink's parts: header option, Retry-After, signature, back-off and dead-letter details. */
class WebhookPartsTest {

    @Test
    void parsesHeaders() {
        assertThat(WebhookHeaders.parse(null)).isEmpty();
        assertThat(WebhookHeaders.parse(" ")).isEmpty();
        assertThat(WebhookHeaders.parse("Authorization: Bearer a:b=c ; X-Tenant:7;"))
                .containsExactly(java.util.Map.entry("Authorization", "Bearer a:b=c"), java.util.Map.entry("X-Tenant", "7"));
        assertThat(WebhookHeaders.parse("X-Empty:")).containsEntry("X-Empty", "");
    }

    @Test
    void refusesBadHeadersWithoutShowingValues() {
        assertThatThrownBy(() -> WebhookHeaders.parse("X-Ok:1;Authorization Bearer hidden"))
                .hasMessageContaining("entry 2").hasMessageNotContaining("hidden");
        assertThatThrownBy(() -> WebhookHeaders.parse("Bad Name:hidden")).hasMessageNotContaining("hidden");
        assertThatThrownBy(() -> WebhookHeaders.parse("X-Pgflo-Signature:hidden")).hasMessageContaining("X-Pgflo-Signature");
        assertThatThrownBy(() -> WebhookHeaders.parse("Content-Length:1")).hasMessageContaining("Content-Length");
        assertThatThrownBy(() -> WebhookHeaders.parse("CamelHttpUri:x")).hasMessageContaining("Camel");
        assertThatThrownBy(() -> WebhookHeaders.parse("A:1;a:hidden")).hasMessageContaining("twice").hasMessageNotContaining("hidden");
        assertThatThrownBy(() -> WebhookHeaders.parse("A:caf\u00e9\u20ac")).hasMessageContaining("cannot carry");
    }

    @Test
    void readsRetryAfter() {
        Instant now = Instant.parse("2025-01-02T03:04:05Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Thu, 02 Jan 2025 03:04:15 GMT", now)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryAfter.parse("Thu, 02 Jan 2025 03:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse(null, now)).isNull();
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse("-5", now)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).isNull();
    }

    @Test
    void signsTimestampDotBody() {
        WebhookSigner signer = new WebhookSigner("key");
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        // openssl: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
        assertThat(signer.signature(1_700_000_000L, body))
                .isEqualTo("sha256=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03");
        assertThat(signer.signature(1_700_000_000L, body)).startsWith("sha256=").hasSize(7 + 64);
        assertThat(signer.verify(1_700_000_000L, body, signer.signature(1_700_000_000L, body))).isTrue();
        assertThat(signer.verify(1_700_000_001L, body, signer.signature(1_700_000_000L, body))).isFalse();
        assertThat(new WebhookSigner("other").verify(1_700_000_000L, body, signer.signature(1_700_000_000L, body))).isFalse();
        assertThat(signer.verify(1_700_000_000L, body, null)).isFalse();
    }

    @Test
    void backOffGrowsByTheMultiplierUpToTheMaximum() {
        WebhookOptions options = new WebhookOptions();
        options.setUrl("http://127.0.0.1/x");
        options.setRetryInitialDelay(100);
        options.setRetryMultiplier(3);
        options.setRetryMaxDelay(1_000);
        options.setMaxRetryAfter(60_000);
        WebhookSinkProducer producer = new WebhookSinkProducer(null, options, java.time.Clock.fixed(
                Instant.parse("2025-01-02T03:04:05Z"), java.time.ZoneOffset.UTC));
        WebhookSinkProducer.Reply unavailable = new WebhookSinkProducer.Reply(503, null, "", null);
        assertThat(producer.delay(1, unavailable)).isEqualTo(Duration.ofMillis(100));
        assertThat(producer.delay(2, unavailable)).isEqualTo(Duration.ofMillis(300));
        assertThat(producer.delay(3, unavailable)).isEqualTo(Duration.ofMillis(900));
        assertThat(producer.delay(4, unavailable)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(producer.delay(60, unavailable)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(producer.delay(1, new WebhookSinkProducer.Reply(429, "7", "", null))).isEqualTo(Duration.ofSeconds(7));
        assertThat(producer.delay(1, new WebhookSinkProducer.Reply(429, "7000", "", null))).isEqualTo(Duration.ofSeconds(60));
        assertThat(producer.delay(2, new WebhookSinkProducer.Reply(503, "later", "", null))).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void classifiesAnswers() {
        assertThat(reply(200).accepted()).isTrue();
        assertThat(reply(204).accepted()).isTrue();
        for (int status : new int[] {400, 401, 403, 404, 409, 410, 413, 422}) {
            assertThat(reply(status).rejected()).as("%d", status).isTrue();
        }
        for (int status : new int[] {-1, 301, 408, 429, 500, 502, 503, 504}) {
            assertThat(reply(status).accepted() || reply(status).rejected()).as("%d", status).isFalse();
        }
    }

    @Test
    void deadLetterBodyIsOneLineOfPrintableAscii() {
        assertThat(WebhookSinkProducer.detail(null)).isEmpty();
        assertThat(WebhookSinkProducer.detail(" bad\r\nrow\t\u00e9\u0001 ")).isEqualTo("bad  row \\u00e9");
        String longBody = "y".repeat(5_000);
        assertThat(WebhookSinkProducer.detail(longBody)).hasSize(WebhookSinkProducer.MAX_BODY_DETAIL + 3).endsWith("y...");
        assertThat(WebhookSinkProducer.detail("y".repeat(WebhookSinkProducer.MAX_BODY_DETAIL)))
                .hasSize(WebhookSinkProducer.MAX_BODY_DETAIL);
    }

    @Test
    void validatesOptions() {
        WebhookOptions options = new WebhookOptions();
        assertThat(options.problems()).anyMatch(p -> p.contains("'url' is required"));
        options.setUrl("https://hooks.example.com/x?token=1");
        assertThat(options.problems()).isEmpty();
        options.setUrl("/relative");
        assertThat(options.problems()).anyMatch(p -> p.contains("http or https"));
        options.setUrl("http://example.com/x");
        options.setMaxAttempts(0);
        options.setRetryMultiplier(0.5);
        options.setResponseTimeout(0);
        options.setSigningSecret("");
        assertThat(options.problems()).hasSize(4);
        assertThatThrownBy(options::validate).hasMessageStartingWith("pgflo-sink:webhook: ");
    }

    private static WebhookSinkProducer.Reply reply(int status) {
        return new WebhookSinkProducer.Reply(status, null, "", null);
    }
}
