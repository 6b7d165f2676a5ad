package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
 * <p>HMAC (RFC 2104) is computed here on two reusable SHA-256 digests per thread rather than with
 * {@code javax.crypto.Mac}: the result is the same, but nothing is allocated per value beyond the value's
 * bytes and the hex text. Every change of a hashed column passes through here, and in the worker the
 * garbage collector's cost grows with every byte allocated while a whole batch is alive. Join keys repeat,
 * so recent results are kept by value ({@link RecentHashes}) and a repeated key costs a lookup.
 */
final class HashTransform implements ValueTransform {

    private static final String DIGEST = "SHA-256";
    private static final int BLOCK_BYTES = 64;
    private static final int HASH_BYTES = 32;
    private static final long TEXT_OID = 25;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] innerPad;
    private final byte[] outerPad;
    private final ThreadLocal<Hmac> hmacs;
    private final RecentHashes recent = new RecentHashes();

    HashTransform(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        // A key longer than a block is replaced by its hash; a shorter one is padded with zeros.
        byte[] block = Arrays.copyOf(k.length > BLOCK_BYTES ? newDigest().digest(k) : k, BLOCK_BYTES);
        innerPad = new byte[BLOCK_BYTES];
        outerPad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            innerPad[i] = (byte) (block[i] ^ 0x36);
            outerPad[i] = (byte) (block[i] ^ 0x5c);
        }
        this.hmacs = ThreadLocal.withInitial(Hmac::new);
    }

    @Override
    public TupleValue apply(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text)) {
            return value;
        }
        TupleValue.Text hashed = recent.get(text.value());
        if (hashed == null) {
            hashed = new TupleValue.Text(HEX.formatHex(hmacs.get().mac(text.value().getBytes(StandardCharsets.UTF_8))));
            recent.put(text.value(), hashed);
        }
        return hashed;
    }

    /** The HMAC-SHA256 of the message, in a new array. */
    byte[] hmac(byte[] message) {
        return hmacs.get().mac(message).clone();
    }

    /** One thread's digests and result buffers, reused for every value. */
    private final class Hmac {
        private final MessageDigest digest = newDigest();
        private final byte[] inner = new byte[HASH_BYTES];
        private final byte[] result = new byte[HASH_BYTES];

        /** @return the result buffer, valid until the next call */
        byte[] mac(byte[] message) {
            try {
                digest.update(innerPad);
                digest.update(message);
                digest.digest(inner, 0, HASH_BYTES);
                digest.update(outerPad);
                digest.update(inner);
                digest.digest(result, 0, HASH_BYTES);
                return result;
            } catch (DigestException e) {
                throw new IllegalStateException(DIGEST + " refused a " + HASH_BYTES + "-byte output buffer", e);
            }
        }
    }

    @Override
    public ColumnInfo describe(ColumnInfo column) {
        if (ColumnKind.isTextLike(column.typeName())) {
            return column;
        }
        return new ColumnInfo(column.name(), TEXT_OID, "text", -1, column.key());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(DIGEST + " is not available in this Java runtime", e);
        }
    }
}
