package io.pgflo.camel.component.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook sink's request signature: {@code X-Pgflo-Signature: sha256=<hex>}, the lower-case hex
 * HMAC-SHA256, keyed with the UTF-8 bytes of the signing secret, of the ASCII timestamp (unix seconds,
 * sent as {@code X-Pgflo-Timestamp}), a dot, and the exact body bytes. Receivers recompute it, compare in
 * constant time, and reject old timestamps to stop replays. Thread-safe.
 */
public final class WebhookSigner {

    public static final String TIMESTAMP_HEADER = "X-Pgflo-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Pgflo-Signature";
    public static final String SCHEME = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the signing secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The {@code X-Pgflo-Signature} value for a body sent with the given timestamp. */
    public String signature(long unixSeconds, byte[] body) {
        Mac mac;
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        mac.update(Long.toString(unixSeconds).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        return SCHEME + HexFormat.of().formatHex(mac.doFinal());
    }

    /** Whether {@code signature} is this body's signature with the given timestamp (constant-time compare). */
    public boolean verify(long unixSeconds, byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(unixSeconds, body).getBytes(StandardCharsets.US_ASCII),
                signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
