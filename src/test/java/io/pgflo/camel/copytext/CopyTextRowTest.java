package io.pgflo.camel.copytext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyTextRowTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheSameValuesAsTheParser() {
        String line = "7\t\\N\ttab\\there\\\\ back\t\tżółw 漢\t{\"a,b\",NULL}";
        CopyTextRow row = CopyTextRow.ofLine(bytes(line + "\n"), 6);
        assertThat(row).hasSize(6).containsExactlyElementsOf(CopyTextParser.parse(bytes(line), 6));
        assertThat(row.get(1)).isEqualTo(TupleValue.Null.INSTANCE);
        assertThat(row.get(2)).isEqualTo(new TupleValue.Text("tab\there\\ back"));
    }

    @Test
    void keepsTheLineItWasReadFrom() {
        byte[] message = bytes("header\n1\tone\n2\ttwo\n");
        CopyTextRow row = CopyTextRow.of(message, 7, 12, 2);
        assertThat(row.byteLength()).isEqualTo(5);
        byte[] copy = new byte[7];
        row.copyTo(copy, 1);
        assertThat(new String(copy, 1, 5, StandardCharsets.UTF_8)).isEqualTo("1\tone");
        assertThat(row).containsExactly(new TupleValue.Text("1"), new TupleValue.Text("one"));
    }

    @Test
    void findsEachLineOfAMessageAndChecksItOnTheWay() {
        byte[] message = bytes("header\n1\tone\n2\ttwo\\nlines\n3\tlast");
        CopyTextRow first = CopyTextRow.line(message, 7, message.length, 2);
        assertThat(first).containsExactly(new TupleValue.Text("1"), new TupleValue.Text("one"));
        assertThat(first.end()).isEqualTo(12);
        CopyTextRow second = CopyTextRow.line(message, first.end() + 1, message.length, 2);
        assertThat(second).containsExactly(new TupleValue.Text("2"), new TupleValue.Text("two\nlines"));
        // The last row has no newline: nothing is returned.
        assertThat(CopyTextRow.line(message, second.end() + 1, message.length, 2)).isNull();
        assertThat(CopyTextRow.line(message, 7, 11, 2)).isNull();

        assertThatThrownBy(() -> CopyTextRow.line(bytes("1\t2\t3\nx\n"), 0, 8, 2)).hasMessage("COPY row has 3 fields, expected 2");
        assertThatThrownBy(() -> CopyTextRow.line(bytes("1\tx\\\n2\ty\n"), 0, 9, 2))
                .hasMessage("COPY row ends in a lone backslash");
        assertThatThrownBy(() -> CopyTextRow.line(bytes("a\\\tb\n"), 0, 5, 1))
                .hasMessage("COPY row has a backslash before a tab byte; a tab in a value is written \\t");
        // The marker is named as such, whatever width the rows have.
        assertThatThrownBy(() -> CopyTextRow.line(bytes("\\.\n"), 0, 3, 3)).hasMessage("COPY row is the end-of-data marker \\.");
        assertThatThrownBy(() -> CopyTextRow.line(message, 7, message.length + 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aTabByteIsAlwaysASeparator() {
        byte[] line = "a\\\tb\tc".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CopyTextRow.of(line, 0, line.length, 2))
                .hasMessage("COPY row has a backslash before a tab byte; a tab in a value is written \\t");
        assertThatThrownBy(() -> CopyTextParser.parse(line, 2)).hasMessageContaining("backslash before a tab byte");
        assertThat(CopyTextRow.ofLine(bytes("a\\tb\tc"), 2)).containsExactly(new TupleValue.Text("a\tb"), new TupleValue.Text("c"));
    }

    @Test
    void refusesWhatCopyWouldMisreadWhenTheRowIsMade() {
        assertThatThrownBy(() -> CopyTextRow.ofLine(bytes("1\t2\t3\n"), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("COPY row has 3 fields, expected 2");
        assertThatThrownBy(() -> CopyTextRow.ofLine(bytes("1\tx\\"), 2)).hasMessage("COPY row ends in a lone backslash");
        assertThatThrownBy(() -> CopyTextRow.ofLine(bytes("\\.\n"), 1)).hasMessage("COPY row is the end-of-data marker \\.");
        assertThatThrownBy(() -> CopyTextRow.of(new byte[4], 3, 5, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        byte[] twoLines = bytes("1\tone\nmore");
        assertThatThrownBy(() -> CopyTextRow.of(twoLines, 0, twoLines.length, 2))
                .hasMessage("COPY row holds a newline byte; a newline in a value is written \\n");
        // An escaped dot is a dot, and a dot alone is a value: only the marker itself is refused.
        assertThat(CopyTextRow.ofLine(bytes(".\n"), 1)).containsExactly(new TupleValue.Text("."));
        assertThat(CopyTextRow.ofLine(bytes("\\\\.\n"), 1)).containsExactly(new TupleValue.Text("\\."));
    }

    @Test
    void anEmptyLineIsOneEmptyValue() {
        assertThat(CopyTextRow.ofLine(bytes("\n"), 1)).containsExactly(new TupleValue.Text(""));
    }

    @Test
    void equalsAListOfTheSameValues() {
        CopyTextRow row = CopyTextRow.ofLine(bytes("1\t\\N"), 2);
        assertThat(row).isEqualTo(Arrays.asList(new TupleValue.Text("1"), TupleValue.Null.INSTANCE));
        assertThat(row.hashCode()).isEqualTo(Arrays.asList(new TupleValue.Text("1"), TupleValue.Null.INSTANCE).hashCode());
    }
}
