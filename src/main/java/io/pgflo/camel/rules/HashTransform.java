package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code transform/hash}: replaces a value by the HMAC-SHA256 of its exact text form under a secret key, as
 * 64 lower-case hex digits. Equal values give equal hashes, so hashed columns still join across tables and
 * targets, but without the key nobody can confirm a guessed value (a plain SHA-256 of an email address or a
 * phone number is reversed by trying them all).
 *
 * <p>It works on every type. The result is text, so a column of another type is described as {@code text}
 * afterwards, and the target column must hold text.
 */
final class HashTransform implements ValueTransform {

    private static final String ALGORITHM = "HmacSHA256";
    private static final long TEXT_OID = 25;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    // Mac instances keep state between calls; one per thread avoids both locking and a lookup per value.
    private final ThreadLocal<Mac> macs;

    HashTransform(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public TupleValue apply(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text)) {
            return value;
        }
        byte[] digest = macs.get().doFinal(text.value().getBytes(StandardCharsets.UTF_8));
        return new TupleValue.Text(HEX.formatHex(digest));
    }

    @Override
    public ColumnInfo describe(ColumnInfo column) {
        if (ColumnKind.isTextLike(column.typeName())) {
            return column;
        }
        return new ColumnInfo(column.name(), TEXT_OID, "text", -1, column.key());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        }
    }
}
