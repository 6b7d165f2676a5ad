package io.pgflo.camel.component.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyInsertTest {

    private static String copyText(String value) {
        StringBuilder out = new StringBuilder();
        CopyInsert.appendCopyText(out, value);
        return out.toString();
    }

    @Test
    void nullIsBackslashN() {
        assertThat(copyText(null)).isEqualTo("\\N");
    }

    @Test
    void textThatLooksLikeNullStaysText() {
        assertThat(copyText("\\N")).isEqualTo("\\\\N");
    }

    @Test
    void escapesWhatCopyReadsSpecially() {
        assertThat(copyText("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(copyText("")).isEmpty();
    }
}
