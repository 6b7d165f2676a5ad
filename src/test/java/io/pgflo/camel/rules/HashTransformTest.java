package io.pgflo.camel.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashTransformTest {

    private static final ColumnInfo TEXT = new ColumnInfo("c", 25, "text", -1, false);

    @ParameterizedTest
    @ValueSource(strings = {"k", "bench-key", "é漢😀 key", "0123456789012345678901234567890123456789012345678901234567890123",
            "a key longer than one block of sixty-four bytes is hashed first, as HMAC requires"})
    void equalsTheJavaRuntimesHmacSha256(String key) throws Exception {
        HashTransform hash = new HashTransform(key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (String value : new String[] {"", "1", "alice@example.com", "ü".repeat(100), "x".repeat(1000)}) {
            String expected = HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
            assertThat(hash.apply(TEXT, new TupleValue.Text(value))).isEqualTo(new TupleValue.Text(expected));
        }
    }

    @Test
    void knownAnswerOfRfc4231TestCase2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(HexFormat.of().formatHex(new HashTransform("Jefe").hmac(
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void repeatedValuesHashAlikeAndNullsPass() {
        HashTransform hash = new HashTransform("k");
        assertThat(hash.apply(TEXT, new TupleValue.Text("v"))).isEqualTo(hash.apply(TEXT, new TupleValue.Text("v")));
        assertThat(hash.apply(TEXT, TupleValue.Null.INSTANCE)).isEqualTo(TupleValue.Null.INSTANCE);
    }
}
