package io.pgflo.camel.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free comparison of printed decimals with integer constants agrees with BigDecimal. */
class PlainDecimalComparisonTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.00", "-0.00", "0.5", "-0.5", "1", "-1", "1.0", "1.01", "-1.01", "999.99", "1000",
            "1000.00", "1000.01", "-999.99", "-1000.00", "-1000.5", "123456789012345678", "-123456789012345678",
            "42.000000000000000000000000001", "00012.50"})
    void agreesWithBigDecimal(String text) {
        for (long constant : new long[] {0, 1, -1, 999, 1000, -1000, 1001, 123456789012345678L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            int expected = Integer.signum(new BigDecimal(text).compareTo(BigDecimal.valueOf(constant)));
            assertThat(ValueComparator.comparePlainDecimal(text, constant)).as(text + " vs " + constant).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithBigDecimalOnRandomValues() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long integer = random.nextInt(2001) - 1000;
            String text = (integer < 0 ? "-" : random.nextInt(10) == 0 ? "-" : "") + Math.abs(integer)
                    + (random.nextBoolean() ? "" : "." + String.format("%02d", random.nextInt(100)));
            long constant = random.nextInt(2001) - 1000;
            int expected = Integer.signum(new BigDecimal(text).compareTo(BigDecimal.valueOf(constant)));
            assertThat(ValueComparator.comparePlainDecimal(text, constant)).as(text + " vs " + constant).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".5", "5.", "-.5", "NaN", "Infinity", "-Infinity", "1e+20", "1.5e3", "12a", "1.2.3",
            "+1", " 1", "1234567890123456789", "1,5"})
    void leavesAnythingElseToTheExactPath(String text) {
        assertThat(ValueComparator.comparePlainDecimal(text, 0)).isEqualTo(ValueComparator.NOT_PLAIN);
    }
}
