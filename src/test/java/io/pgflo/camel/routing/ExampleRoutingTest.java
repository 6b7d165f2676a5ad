package io.pgflo.camel.routing;

import static io.pgflo.camel.rules.TestRows.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.rules.TestRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The documented examples in the top-level {@code routing/} folder load, and do what their comments say. */
class ExampleRoutingTest {

    private static final Path FOLDER = Path.of("routing");

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
            assertThat(yaml).as("example routing files in " + FOLDER.toAbsolutePath()).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void everyExampleLoads(Path file) {
        assertThat(RoutingLoader.load(file, "public").isEmpty()).isFalse();
    }

    private final Router router = RoutingLoader.load(FOLDER.resolve("example-routing.yaml"), "public");

    @Test
    void routesTheTablesItDocuments() {
        assertThat(router.tables()).containsExactly(new TableName("public", "users"), new TableName("app", "orders"),
                new TableName("public", "products"), new TableName("public", "audit_log"));
    }

    @Test
    void usersBecomeCustomersForInsertsAndUpdatesOnly() {
        TestRows.Table users = TestRows.table("users").key("id", "int4").column("username", "text");

        RowChange insert = router.route(users.insert("1", "ann"));
        assertThat(insert.table()).isEqualTo(new TableName("public", "customers"));
        assertThat(names(insert.columns())).containsExactly("customer_id", "customer_name");
        assertThat(insert.keyColumns()).containsExactly("customer_id");
        assertThat(router.route(users.update("1", "ann"))).isNotNull();
        assertThat(router.route(users.delete("1", null))).isNull();
        assertThat(router.route(TestRows.truncate("users"))).isNull();
    }

    @Test
    void ordersMoveToAnotherSchemaWithTruncates() {
        TestRows.Table orders = TestRows.table("app.orders").key("id", "int8").column("total_amount", "numeric");

        RowChange delete = router.route(orders.delete("9", null));
        assertThat(delete.table()).isEqualTo(new TableName("crm", "transactions"));
        assertThat(names(delete.columns())).containsExactly("transaction_id", "amount");
        assertThat(router.route(TestRows.truncate("app.orders")).tables())
                .containsExactly(new TableName("crm", "transactions"));
    }

    @Test
    void aRouteWithoutOperationsPassesEverything() {
        TestRows.Table products = TestRows.table("products").key("id", "int4").column("name", "text");

        assertThat(router.route(products.delete("1", null)).table().table()).isEqualTo("items");
        assertThat(router.route(TestRows.truncate("products")).tables()).containsExactly(new TableName("public", "items"));
    }

    @Test
    void theAuditLogKeepsOnlyInserts() {
        TestRows.Table audit = TestRows.table("audit_log").key("id", "int8");

        RowChange insert = audit.insert("1");
        assertThat(router.route(insert)).isSameAs(insert);
        assertThat(router.route(audit.delete("1"))).isNull();
        assertThat(router.route(TestRows.truncate("audit_log"))).isNull();
    }
}
