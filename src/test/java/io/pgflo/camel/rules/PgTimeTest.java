package io.pgflo.camel.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading PostgreSQL's and ISO 8601's date and time forms as instants; zone-less forms are UTC. */
class PgTimeTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "2024-05-06                          | 2024-05-06T00:00:00Z",
            "2024-05-06 07:08:09                 | 2024-05-06T07:08:09Z",
            "2024-05-06 07:08:09.5               | 2024-05-06T07:08:09.500Z",
            "2024-05-06 07:08:09.123456          | 2024-05-06T07:08:09.123456Z",
            "2024-05-06 07:08:09+00              | 2024-05-06T07:08:09Z",
            "2024-05-06 09:08:09+02              | 2024-05-06T07:08:09Z",
            "2024-05-06 02:08:09-05              | 2024-05-06T07:08:09Z",
            "2024-05-06 12:38:09.123456+05:30    | 2024-05-06T07:08:09.123456Z",
            "1900-01-01 00:53:28+00:53:28        | 1900-01-01T00:00:00Z",
            "2024-02-29 23:59:59.999999999-00:30 | 2024-03-01T00:29:59.999999999Z",
            "2024-05-06T07:08:09Z                | 2024-05-06T07:08:09Z",
            "2024-05-06t07:08:09z                | 2024-05-06T07:08:09Z",
            "2024-05-06T09:08:09+02:00           | 2024-05-06T07:08:09Z",
            "2024-05-06T09:08:09+0200            | 2024-05-06T07:08:09Z",
            "2024-05-06 09:08:09 +02             | 2024-05-06T07:08:09Z",
            "2024-05-06T07:08                    | 2024-05-06T07:08:00Z",
            "2024-5-6 7:08:09                    | 2024-05-06T07:08:09Z",
            "2024-05-06 24:00:00                 | 2024-05-07T00:00:00Z",
            "12024-05-06 07:08:09+00             | +12024-05-06T07:08:09Z",
            "0001-01-01 00:00:00+00 BC           | 0000-01-01T00:00:00Z",
            "0044-03-15 BC                       | -0043-03-15T00:00:00Z"})
    void readsAnInstant(String text, String instant) {
        assertThat(PgTime.parse(text)).isEqualTo(new PgTime(0, Instant.parse(instant)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-02-30", "2024-13-01", "2024-05-06 25:00:00", "2024-05-06 07:61:00",
            "2024-05-06 07:08:09+25", "2024-05-06 07:08:09.", "2024/05/06", "20240506", "2024-05-06 07:08:09 AD"})
    void refusesWhatIsNotATime(String text) {
        assertThat(PgTime.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"infinity, 1", "+infinity, 1", "Infinity, 1", "-infinity, -1"})
    void readsInfinities(String text, int rank) {
        assertThat(PgTime.parse(text).rank()).isEqualTo(rank);
    }

    @ParameterizedTest
    @CsvSource({"-infinity, 0001-01-01 BC", "0001-01-01 BC, 2024-05-06", "2024-05-06, infinity",
            "2024-05-06 07:08:09.123455+00, 2024-05-06 07:08:09.123456+00"})
    void ordersTimes(String lower, String higher) {
        assertThat(PgTime.parse(lower)).isLessThan(PgTime.parse(higher));
        assertThat(PgTime.parse(higher)).isGreaterThan(PgTime.parse(lower));
    }
}
