package io.pgflo.camel.component.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyTextBufferTest {

    private static String rows(List<List<String>> rows, int initialCapacity) {
        CopyTextBuffer buffer = new CopyTextBuffer(initialCapacity);
        rows.forEach(buffer::appendRow);
        return new String(Arrays.copyOf(buffer.bytes(), buffer.length()), StandardCharsets.UTF_8);
    }

    private static String row(String... values) {
        return rows(List.of(Arrays.asList(values)), 4);
    }

    @Test
    void nullIsBackslashN() {
        assertThat(row((String) null)).isEqualTo("\\N\n");
    }

    @Test
    void textThatLooksLikeNullStaysText() {
        assertThat(row("\\N")).isEqualTo("\\\\N\n");
    }

    @Test
    void escapesWhatCopyReadsSpeciallyAndSeparatesColumnsByTabs() {
        assertThat(row("a\tb\nc\rd\\e", "", null, "x")).isEqualTo("a\\tb\\nc\\rd\\\\e\t\t\\N\tx\n");
    }

    @Test
    void writesUtf8ForEveryPlaneAsStringGetBytesDoes() {
        String text = "é ß € 漢字 😀 𝄞 \u0000 \u007f \u0080 \u07ff \u0800 \uffff";
        CopyTextBuffer buffer = new CopyTextBuffer(1);
        buffer.appendRow(List.of(text));
        byte[] expected = (text + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(buffer.bytes(), buffer.length())).isEqualTo(expected);
    }

    @Test
    void manyRandomRowsEqualTheEscapedTextInUtf8() {
        Random random = new Random(11);
        int[] alphabet = "ab\t\n\r\\ é漢😀N".codePoints().toArray();
        List<List<String>> rows = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int r = 0; r < 2000; r++) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                if (random.nextInt(8) == 0) {
                    values.add(null);
                    continue;
                }
                StringBuilder value = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    value.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
                }
                values.add(value.toString());
            }
            rows.add(values);
            for (int c = 0; c < values.size(); c++) {
                String value = values.get(c);
                expected.append(c > 0 ? "\t" : "").append(value == null ? "\\N" : value
                        .replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
            }
            expected.append('\n');
        }
        assertThat(rows(rows, 16)).isEqualTo(expected.toString());
    }

    @Test
    void clearStartsAnEmptyBufferAgain() {
        CopyTextBuffer buffer = new CopyTextBuffer(8);
        buffer.appendRow(List.of("first"));
        buffer.clear();
        buffer.appendRow(List.of("second"));
        assertThat(new String(buffer.bytes(), 0, buffer.length(), StandardCharsets.UTF_8)).isEqualTo("second\n");
    }
}
