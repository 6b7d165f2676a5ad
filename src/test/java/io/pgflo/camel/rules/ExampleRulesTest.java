package io.pgflo.camel.rules;

import static io.pgflo.camel.rules.TestRows.names;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The documented examples in the top-level {@code rules/} folder load, and do what their comments say. */
class ExampleRulesTest {

    private static final Path FOLDER = Path.of("rules");

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
            assertThat(yaml).as("example rules files in " + FOLDER.toAbsolutePath()).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void everyExampleLoads(Path file) {
        assertThat(RulesLoader.load(file, "public").isEmpty()).isFalse();
    }

    private final RuleSet rules = RulesLoader.load(FOLDER.resolve("example-rules.yaml"), "public");

    private final TestRows.Table users = TestRows.table("users").key("id", "int4").column("email", "text")
            .column("phone", "varchar").column("national_id", "text").column("age", "int4")
            .column("search_vector", "tsvector");

    @Test
    void coversEveryTableItDocuments() {
        assertThat(rules.tables()).containsExactly(new TableName("public", "users"), new TableName("app", "orders"),
                new TableName("app", "events"));
    }

    @Test
    void usersAreMaskedRewrittenHashedAndTrimmed() {
        RowChange result = rules.apply(users.insert("1", "john@example.com", "1234567890", "123-45-6789", "30", "'j':1"));

        assertThat(names(result.columns())).containsExactly("id", "email", "phone", "national_id", "age");
        List<String> row = texts(result.newValues());
        assertThat(row.subList(0, 3)).containsExactly("1", "j**************m", "(123) 456-7890");
        assertThat(row.get(3)).hasSize(64).isNotEqualTo("123-45-6789");
        assertThat(row.get(4)).isEqualTo("30");
    }

    @Test
    void underAgeUsersAreFilteredOutButTheirDeletesPass() {
        assertThat(rules.apply(users.insert("1", "a@b.c", "1", "x", "17", "x"))).isNull();
        assertThat(rules.apply(users.insert("1", "a@b.c", "1", "x", "18", "x"))).isNotNull();
        assertThat(rules.apply(users.delete("1", null, null, null, null, null))).isNotNull();
    }

    @Test
    void ordersOfOtherTenantsAreDropped() {
        TestRows.Table orders = TestRows.table("app.orders").key("id", "int8").column("tenant_id", "int4")
                .column("status", "text").column("channel", "text").column("total", "numeric")
                .column("placed_at", "timestamptz").column("internal_note", "text").column("source_system", "text");

        RowChange kept = rules.apply(orders.insert("1", "3", "paid", "web", "12.50", "2024-03-01 10:00:00+01", "vip",
                null));
        assertThat(texts(kept.newValues())).containsExactly("1", "3", "paid", "web", "12.50", "2024-03-01 10:00:00+01",
                null, "pgflo");
        assertThat(rules.apply(orders.insert("2", "4", "paid", "web", "12.50", "2024-03-01 10:00:00+01", null, null)))
                .isNull();
        assertThat(rules.apply(orders.insert("3", "3", "pending", "web", "1", "2024-03-01 10:00:00+01", null, null)))
                .isNull();
        assertThat(rules.apply(orders.insert("4", "3", "paid", "test", "1", "2024-03-01 10:00:00+01", null, null)))
                .isNull();
        assertThat(rules.apply(orders.insert("5", "3", "paid", "web", "1", "2023-12-31 23:59:59-01", null, null)))
                .isNotNull();
        assertThat(rules.apply(orders.insert("6", "3", "paid", "web", "1", "2023-12-31 23:59:59+00", null, null)))
                .isNull();
        RowChange update = rules.apply(orders.update("1", "3", "paid", "web", "12.50", "2024-03-01 10:00:00+01",
                "vip", "legacy"));
        assertThat(texts(update.newValues()).subList(6, 8)).containsExactly(null, "legacy");
    }
}
