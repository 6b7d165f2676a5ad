package io.pgflo.camel.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LsnTest {

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0/0, 0",
        "0/1, 1",
        "16/3002D50, 0x1603002D50",
        "0/FFFFFFFF, 0xFFFFFFFF",
        "1/0, 0x100000000",
        "ABCDEF12/9, 0xABCDEF1200000009",
        "80000000/0, 0x8000000000000000",
        "FFFFFFFF/FFFFFFFF, 0xFFFFFFFFFFFFFFFF",
    })
    void parsesAndFormatsServerForm(String text, String hexValue) {
        long value = Long.parseUnsignedLong(hexValue.startsWith("0x") ? hexValue.substring(2) : hexValue,
                hexValue.startsWith("0x") ? 16 : 10);

        Lsn lsn = Lsn.parse(text);

        assertThat(lsn.value()).isEqualTo(value);
        assertThat(lsn).hasToString(text);
        assertThat(Lsn.parse(lsn.toString())).isEqualTo(lsn);
    }

    @Test
    void parseAcceptsLowercaseAndLeadingZerosButFormatsUppercaseWithoutThem() {
        Lsn lsn = Lsn.parse("00000016/03002d50");

        assertThat(lsn.value()).isEqualTo(0x16_0300_2D50L);
        assertThat(lsn).hasToString("16/3002D50");
    }

    @Test
    void formatsLikeThePostgresPgLsnType() {
        assertThat(Lsn.of(0x0000_0001_0000_00ABL)).hasToString("1/AB");
        assertThat(Lsn.of(0xABCD_EF01_2345_6789L)).hasToString("ABCDEF01/23456789");
    }

    @Test
    void zeroIsCanonical() {
        assertThat(Lsn.of(0)).isSameAs(Lsn.ZERO);
        assertThat(Lsn.parse("0/0")).isEqualTo(Lsn.ZERO);
        assertThat(Lsn.ZERO.isZero()).isTrue();
        assertThat(Lsn.of(1).isZero()).isFalse();
    }

    @Test
    void comparesUnsignedAcrossSignBit() {
        Lsn belowSignBit = Lsn.parse("7FFFFFFF/FFFFFFFF");
        Lsn atSignBit = Lsn.parse("80000000/0");
        Lsn max = Lsn.parse("FFFFFFFF/FFFFFFFF");

        assertThat(atSignBit.value()).isNegative();
        assertThat(atSignBit).isGreaterThan(belowSignBit);
        assertThat(max).isGreaterThan(atSignBit);
        assertThat(max).isGreaterThan(Lsn.ZERO);
        assertThat(atSignBit.isAfter(belowSignBit)).isTrue();
        assertThat(belowSignBit.isAfter(atSignBit)).isFalse();
        assertThat(atSignBit.isAfter(atSignBit)).isFalse();
        assertThat(atSignBit.compareTo(Lsn.parse("80000000/0"))).isZero();
    }

    @Test
    void sortsUnsigned() {
        List<Lsn> lsns = new ArrayList<>(List.of(Lsn.parse("FFFFFFFF/0"), Lsn.parse("0/10"),
                Lsn.parse("80000000/0"), Lsn.ZERO, Lsn.parse("7FFFFFFF/FFFFFFFF")));

        Collections.sort(lsns);

        assertThat(lsns).extracting(Lsn::toString)
                .containsExactly("0/0", "0/10", "7FFFFFFF/FFFFFFFF", "80000000/0", "FFFFFFFF/0");
    }

    @Test
    void maxPicksUnsignedLarger() {
        Lsn high = Lsn.parse("80000000/1");
        Lsn low = Lsn.parse("1/0");

        assertThat(Lsn.max(high, low)).isSameAs(high);
        assertThat(Lsn.max(low, high)).isSameAs(high);
        Lsn same = Lsn.parse("1/0");
        assertThat(Lsn.max(low, same)).isSameAs(low);
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", "/", "16", "/3002D50", "16/", "G/0", "0/G", "1/2/3", "-1/0", "100000000/0", "+16/1", "16/+1", "000000001/0", "1/ 2",
        "0/100000000", "16 / 30", "0x16/30"})
    void rejectsMalformedTextWithMessage(String text) {
        assertThatThrownBy(() -> Lsn.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not an LSN; expected X/Y in hex, for example 16/3002D50");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Lsn.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LSN is null; expected the form X/Y in hex, for example 16/3002D50");
    }

    @Test
    void equalityIsByValue() {
        assertThat(Lsn.parse("1/2")).isEqualTo(Lsn.of(0x1_0000_0002L)).hasSameHashCodeAs(Lsn.of(0x1_0000_0002L));
        assertThat(Lsn.parse("1/2")).isNotEqualTo(Lsn.parse("2/1"));
    }
}
