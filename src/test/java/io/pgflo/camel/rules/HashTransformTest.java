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

    private static String reference(String key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void valuesSharingARecentResultSlotEachGetTheirOwnHash() throws Exception {
        // "Aa" and "BB" have the same String hash code, so they compete for one slot of the recent results.
        HashTransform hash = new HashTransform("k");
        for (String value : new String[] {"Aa", "BB", "Aa", "BB", "AaAa", "BBBB", "AaBB", "Aa"}) {
            assertThat(hash.apply(TEXT, new TupleValue.Text(value))).isEqualTo(new TupleValue.Text(reference("k", value)));
        }
    }

    @Test
    void manyDistinctAndRepeatedValuesAllHashExactly() throws Exception {
        HashTransform hash = new HashTransform("k");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                String value = i % 3 == 0 ? "x".repeat(RecentHashes.MAX_KEPT_LENGTH + 1) + i : "id-" + i;
                assertThat(hash.apply(TEXT, new TupleValue.Text(value)))
                        .isEqualTo(new TupleValue.Text(reference("k", value)));
            }
        }
    }

    @Test
    void threadsSharingTheRuleGetExactHashes() throws Exception {
        HashTransform hash = new HashTransform("shared");
        java.util.Map<String, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            expected.put("v" + i, reference("shared", "v" + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 997;
                runs.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int n = 0; n < 40_000; n++) {
                        String value = "v" + (n * 31 + offset) % 5_000;
                        if (!hash.apply(TEXT, new TupleValue.Text(value)).equals(new TupleValue.Text(expected.get(value)))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (java.util.concurrent.Future<Integer> run : runs) {
                assertThat(run.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
