package io.pgflo.camel.schemadump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgDumpArgumentsTest {

    @Test
    void relationsAreSchemaOnlyExactAndStrict() {
        assertThat(PgDumpArguments.relations(List.of(new TableName("public", "orders"), new TableName("app", "items"))))
                .containsExactly("--schema-only", "--no-owner", "--no-privileges", "--no-tablespaces", "--no-security-labels",
                        "--strict-names", "--table=\"public\".\"orders\"", "--table=\"app\".\"items\"");
    }

    @Test
    void wildcardsDotsAndQuotesInNamesAreMatchedLiterally() {
        assertThat(PgDumpArguments.relations(List.of(new TableName("My Schema", "a.b*?\"c"))))
                .endsWith("--table=\"My Schema\".\"a.b*?\"\"c\"");
    }

    @Test
    void typesDumpTakesTheSchemasWithoutTheirRelations() {
        assertThat(PgDumpArguments.typesOf(List.of("public", "Types")))
                .containsExactly("--schema-only", "--no-owner", "--no-privileges", "--no-tablespaces", "--no-security-labels",
                        "--schema=\"public\"", "--schema=\"Types\"", "--exclude-table=\"public\".*", "--exclude-table=\"Types\".*");
    }

    @Test
    void noConnectionSettingsAndNoPasswordOnTheCommandLine() {
        List<String> args = PgDumpArguments.relations(List.of(new TableName("public", "t")));
        assertThat(args).noneMatch(a -> a.startsWith("-h") || a.startsWith("--host") || a.startsWith("-U")
                || a.startsWith("--username") || a.startsWith("--dbname") || a.contains("password"));
    }

    @Test
    void emptySelectionsAreRefused() {
        assertThatThrownBy(() -> PgDumpArguments.relations(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgDumpArguments.typesOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
