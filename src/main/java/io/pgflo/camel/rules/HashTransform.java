package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code transform/hash}: replaces a value by the HMAC-SHA256 of its exact text form under a secret key, as
 * 64 lower-case hex digits. Equal values give equal hashes, so hashed columns still join across tables and
 * targets, but without the key nobody can confirm a guessed value (a plain SHA-256 of an email address or a
 * phone number is reversed by trying them all).
 *
 * <p>It works on every type. The result is text, so a column of another type is described as {@code text}
 * afterwards, and the target column must hold text.
 *
 * <p>HMAC (RFC 2104) hashes the key's inner and outer pads before the value each time. Those two steps
 * depend on the key alone, so their digest states are computed once and copied per value, which halves
 * the work of a short value; the result is the same as {@code javax.crypto.Mac}'s HmacSHA256.
 */
final class HashTransform implements ValueTransform {

    private static final String DIGEST = "SHA-256";
    private static final int BLOCK_BYTES = 64;
    private static final long TEXT_OID = 25;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    // Digest states after the inner and the outer pad; one pair per thread, as MessageDigest is not thread-safe.
    private final ThreadLocal<MessageDigest[]> padded;

    HashTransform(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.padded = ThreadLocal.withInitial(this::paddedDigests);
    }

    @Override
    public TupleValue apply(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text)) {
            return value;
        }
        return new TupleValue.Text(HEX.formatHex(hmac(text.value().getBytes(StandardCharsets.UTF_8))));
    }

    byte[] hmac(byte[] message) {
        MessageDigest[] pads = padded.get();
        MessageDigest inner = copy(pads[0]);
        inner.update(message);
        MessageDigest outer = copy(pads[1]);
        outer.update(inner.digest());
        return outer.digest();
    }

    @Override
    public ColumnInfo describe(ColumnInfo column) {
        if (ColumnKind.isTextLike(column.typeName())) {
            return column;
        }
        return new ColumnInfo(column.name(), TEXT_OID, "text", -1, column.key());
    }

    private MessageDigest[] paddedDigests() {
        MessageDigest digest = newDigest();
        // A key longer than a block is replaced by its hash; a shorter one is padded with zeros.
        byte[] block = new byte[BLOCK_BYTES];
        byte[] k = key.length > BLOCK_BYTES ? digest.digest(key) : key;
        System.arraycopy(k, 0, block, 0, k.length);
        MessageDigest inner = newDigest();
        MessageDigest outer = newDigest();
        for (byte b : block) {
            inner.update((byte) (b ^ 0x36));
            outer.update((byte) (b ^ 0x5c));
        }
        return new MessageDigest[] {inner, outer};
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(DIGEST + " digests of this Java runtime cannot be copied", e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(DIGEST + " is not available in this Java runtime", e);
        }
    }
}
