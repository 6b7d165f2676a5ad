package io.pgflo.camel.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers in PostgreSQL's order: exact decimals, -Infinity < finite < Infinity < NaN. */
class PgNumberTest {

    @ParameterizedTest
    @CsvSource({"-Infinity, -1e308", "-1e308, -0.000001", "0, 0.000000000000000000001", "1e308, Infinity",
            "Infinity, NaN", "9007199254740992, 9007199254740993", "-inf, inf"})
    void ordersNumbers(String lower, String higher) {
        assertThat(PgNumber.parse(lower)).isLessThan(PgNumber.parse(higher));
    }

    @ParameterizedTest
    @CsvSource({"1.24, 1.240", "-0, 0", "1e+30, 1000000000000000000000000000000", "NaN, nan", "Infinity, +inf",
            "' 5 ', 5"})
    void equalNumbers(String a, String b) {
        assertThat(PgNumber.parse(a)).isEqualByComparingTo(PgNumber.parse(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1,5", "0x1F", "1_000", "5 apples"})
    void refusesWhatIsNotANumber(String text) {
        assertThat(PgNumber.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"Infinity, 1", "-Infinity, -1", "NaN, 2"})
    void readsYamlSpecialDoubles(double value, int rank) {
        assertThat(PgNumber.of(value).rank()).isEqualTo(rank);
        assertThat(PgNumber.of(1.5)).isEqualByComparingTo(PgNumber.of(new BigDecimal("1.50")));
    }
}
