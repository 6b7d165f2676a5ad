package io.pgflo.camel.copybinary;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.copytext.CopyTextRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryRowEncoderTest {

    private static final String INT4 = "\"pg_catalog\".\"int4\"";
    private static final String TEXT = "\"pg_catalog\".\"text\"";
    private static final String DATE = "\"pg_catalog\".\"date\"";

    private static String hex(CopyBytes out) {
        return HexFormat.of().formatHex(Arrays.copyOf(out.array(), out.size()));
    }

    private static CopyTextRow row(String line) {
        byte[] bytes = ("xx" + line + "\nyy").getBytes(StandardCharsets.UTF_8);
        return CopyTextRow.of(bytes, 2, bytes.length - 3, line.split("\t", -1).length);
    }

    @Test
    void aCopiedRowBecomesAFieldCountThenEachFieldsLengthAndBytes() {
        BinaryRowEncoder encoder = BinaryRowEncoder.forTypes(List.of(INT4, TEXT, TEXT, DATE));
        CopyBytes out = new CopyBytes(8);
        assertThat(encoder.writer(out).write(row("-2\ta\\tb\\\\\t\\N\t2000-01-02"))).isTrue();
        assertThat(hex(out)).isEqualTo("0004" + "00000004fffffffe" + "00000004" + "6109625c" + "ffffffff" + "0000000400000001");
    }

    @Test
    void valuesAsTextGoTheSameWay() {
        BinaryRowEncoder encoder = BinaryRowEncoder.forTypes(List.of(INT4, TEXT));
        CopyBytes out = new CopyBytes(8);
        assertThat(encoder.writer(out).write(Arrays.asList("7", null))).isTrue();
        assertThat(hex(out)).isEqualTo("0002" + "0000000400000007" + "ffffffff");
    }

    @Test
    void aRowWithAValueNoEncoderKnowsLeavesNothingWritten() {
        BinaryRowEncoder encoder = BinaryRowEncoder.forTypes(List.of(INT4, DATE));
        CopyBytes out = new CopyBytes(8);
        encoder.writer(out).write(row("1\t2000-01-01"));
        String before = hex(out);
        assertThat(encoder.writer(out).write(row("2\tinfinity"))).isFalse();
        assertThat(encoder.writer(out).write(Arrays.asList("3", "infinity"))).isFalse();
        assertThat(hex(out)).isEqualTo(before);
    }

    @Test
    void aTableWithATypeNoEncoderKnowsHasNoBinaryEncoder() {
        assertThat(BinaryRowEncoder.forTypes(List.of(INT4, "\"pg_catalog\".\"interval\""))).isNull();
        assertThat(BinaryRowEncoder.forTypes(List.of(INT4, "\"public\".\"text\""))).isNull();
    }

    @Test
    void theDataStartsWithTheSignatureAndEndsWithTheTrailer() {
        CopyBytes out = new CopyBytes(8);
        BinaryRowEncoder.writeHeader(out);
        BinaryRowEncoder.writeTrailer(out);
        assertThat(hex(out)).isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
    }
}
