package io.pgflo.camel.component.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.sink.postgres.SqlStatement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkLoaderTest {

    private static String copyText(String value) {
        StringBuilder out = new StringBuilder();
        BulkLoader.appendCopyText(out, value);
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

    private static SqlStatement upsert(String... values) {
        return new SqlStatement("INSERT", Arrays.asList(values), null, null,
                new SqlStatement.BulkUpsert("\"t\"", List.of("\"id\"", "\"v\""), " ON CONFLICT (\"id\") DO UPDATE", List.of(0)));
    }

    @Test
    void aRunHoldingAKeyTwiceIsNotLoadedInBulk() {
        assertThat(StatementRunner.keysDistinct(List.of(upsert("1", "a"), upsert("2", "a")))).isTrue();
        assertThat(StatementRunner.keysDistinct(List.of(upsert("1", "a"), upsert("2", "b"), upsert("1", "c")))).isFalse();
    }
}
