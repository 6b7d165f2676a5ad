package io.pgflo.camel.copytext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.pgoutput.TupleValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTextParserTest {

    private static List<TupleValue> parse(String row, int width) {
        return CopyTextParser.parse(row.getBytes(StandardCharsets.UTF_8), width);
    }

    private static TupleValue text(String value) {
        return new TupleValue.Text(value);
    }

    @Test
    void splitsOnTabsAndReadsNulls() {
        assertThat(parse("1\t\\N\tabc\n", 3)).containsExactly(text("1"), TupleValue.Null.INSTANCE, text("abc"));
    }

    @Test
    void anEmptyStringIsNotNull() {
        assertThat(parse("\t\n", 2)).containsExactly(text(""), text(""));
    }

    @Test
    void unescapesWhatCopyEscapes() {
        assertThat(parse("a\\tb\\nc\\\\d\\re\\bf\\fg\\vh", 1))
                .containsExactly(text("a\tb\nc\\d\re\bf\fg\u000Bh"));
    }

    @Test
    void aBackslashNInsideTextIsText() {
        assertThat(parse("\\\\N\tx\\N", 2)).containsExactly(text("\\N"), text("xN"));
    }

    @Test
    void readsOctalAndHexEscapes() {
        assertThat(parse("\\101\\x42\\x4", 1)).containsExactly(text("AB\u0004"));
    }

    @Test
    void keepsMultiByteCharacters() {
        assertThat(parse("żółw\t{\"k\": \"日本\\\\u00e9\"}", 2)).containsExactly(text("żółw"), text("{\"k\": \"日本\\u00e9\"}"));
    }

    @Test
    void arraysWithQuotesCommasAndNewlinesRoundTrip() {
        assertThat(parse("{\"a,b\",\"c\\\\\"d\",\"e\\nf\",NULL}", 1))
                .containsExactly(text("{\"a,b\",\"c\\\"d\",\"e\nf\",NULL}"));
    }

    @Test
    void refusesAnotherNumberOfFields() {
        assertThatThrownBy(() -> parse("1\t2", 3)).hasMessageContaining("2 fields, expected 3");
    }

    @Test
    void refusesALoneBackslash() {
        assertThatThrownBy(() -> parse("abc\\", 1)).hasMessageContaining("lone backslash");
    }
}
