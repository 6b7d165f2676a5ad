package io.pgflo.camel.pipeline;

import static io.pgflo.camel.pipeline.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgflo.camel.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** pg_flo's rules and routing files in a running worker, end to end. */
@Timeout(300)
class RulesRoutingIT {

    @TempDir
    Path dir;

    @Test
    void maskedAndRewrittenValuesArriveExactlyAndTheUnderAgeRowIsFilteredOut() throws Exception {
        try (PipelineFixture f = new PipelineFixture("rules", dir)) {
            f.db.execute("CREATE TABLE users(id int PRIMARY KEY, email text, phone text, ssn text, age int)");
            Path rules = dir.resolve("rules.yaml");
            Files.writeString(rules, """
                    tables:
                      users:
                        - type: transform
                          column: email
                          parameters: {type: mask, mask_char: "*"}
                        - type: transform
                          column: phone
                          parameters: {type: regex, pattern: "^(\\\\d{3})(\\\\d{3})(\\\\d{4})$", replace: "($1) $2-$3"}
                        - type: transform
                          column: ssn
                          parameters: {type: mask, mask_char: "X"}
                        - type: filter
                          column: age
                          parameters: {operator: gte, value: 18}
                          allow_empty_deletes: true
                    """);
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.worker("--rules-config", rules.toString());
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO users VALUES (1, 'john@example.com', '1234567890', '12345678909', 30)",
                    "INSERT INTO users VALUES (2, 'kid@example.com', '5555555555', '98765432101', 12)",
                    "DELETE FROM users WHERE id = 1");
            List<JsonNode> lines = f.awaitLines(2, Duration.ofSeconds(90), replicator, worker);
            Thread.sleep(1500);
            lines = f.lines();
            assertThat(lines).hasSize(2);
            JsonNode insert = lines.get(0);
            assertThat(insert.get("Type").asText()).isEqualTo("INSERT");
            assertThat(insert.get("NewTuple").get("email").asText()).isEqualTo("j**************m");
            assertThat(insert.get("NewTuple").get("phone").asText()).isEqualTo("(123) 456-7890");
            assertThat(insert.get("NewTuple").get("ssn").asText()).isEqualTo("1XXXXXXXXX9");
            assertThat(lines.get(1).get("Type").asText()).isEqualTo("DELETE");
            assertThat(lines.get(1).get("OldTuple").get("id").asInt()).isEqualTo(1);
        }
    }

    @Test
    void multiTenantFilterKeepsExactlyTheTenantsRowsInAPostgresTarget() throws Exception {
        try (PipelineFixture f = new PipelineFixture("tenant", dir); TestDatabase target = f.db.server().createDatabase("tenant_target")) {
            String table = "CREATE TABLE orders(id int PRIMARY KEY, tenant_id int, total numeric(10,2))";
            f.db.execute(table);
            target.execute(table);
            Path rules = dir.resolve("tenant.yaml");
            Files.writeString(rules, "tables:\n  orders:\n    - type: filter\n      column: tenant_id\n"
                    + "      parameters: {operator: eq, value: 3}\n");
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target, "--rules-config", rules.toString());
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO orders SELECT g, g % 5, g * 1.5 FROM generate_series(1, 500) g",
                    "UPDATE orders SET total = total + 1 WHERE id % 7 = 0");
            String expected = f.db.queryString("SELECT count(*) || ':' || sum(total) FROM orders WHERE tenant_id = 3");
            awaitTrue("tenant 3 rows", () -> expected.equals(target.queryString("SELECT count(*) || ':' || sum(total) FROM orders")),
                    replicator, worker);
            assertThat(target.queryLong("SELECT count(*) FROM orders WHERE tenant_id <> 3")).isZero();
        }
    }

    @Test
    void threeTablesLandInRenamedTablesWithRenamedColumnsLimitedByOperation() throws Exception {
        try (PipelineFixture f = new PipelineFixture("routing", dir); TestDatabase target = f.db.server().createDatabase("routing_target")) {
            f.db.execute("CREATE TABLE users(id int PRIMARY KEY, name text)", "CREATE TABLE orders(id int PRIMARY KEY, amount int)",
                    "CREATE TABLE events(id int PRIMARY KEY, kind text)");
            target.execute("CREATE TABLE customers(customer_id int PRIMARY KEY, full_name text)",
                    "CREATE TABLE purchases(purchase_id int PRIMARY KEY, total int)",
                    "CREATE TABLE audit_log(id int PRIMARY KEY, event_kind text)");
            Path routing = dir.resolve("routing.yaml");
            Files.writeString(routing, """
                    users:
                      source_table: users
                      destination_table: customers
                      column_mappings:
                        - {source: id, destination: customer_id}
                        - {source: name, destination: full_name}
                    orders:
                      source_table: orders
                      destination_table: purchases
                      column_mappings:
                        - {source: id, destination: purchase_id}
                        - {source: amount, destination: total}
                      operations: [INSERT, UPDATE]
                    events:
                      source_table: events
                      destination_table: audit_log
                      column_mappings:
                        - {source: kind, destination: event_kind}
                      operations: [INSERT]
                    """);
            PgFloProcess replicator = f.replicator();
            PgFloProcess worker = f.postgresWorker(target, "--routing-config", routing.toString());
            f.awaitReplicatorStreaming(replicator);
            f.db.execute("INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 10) g",
                    "INSERT INTO orders SELECT g, g * 10 FROM generate_series(1, 10) g",
                    "INSERT INTO events SELECT g, 'k' || g FROM generate_series(1, 10) g",
                    "UPDATE users SET name = 'renamed' WHERE id = 1", "DELETE FROM users WHERE id = 2",
                    "UPDATE orders SET amount = 0 WHERE id = 1", "DELETE FROM orders WHERE id = 2",
                    "UPDATE events SET kind = 'changed' WHERE id = 1", "DELETE FROM events WHERE id = 2",
                    "INSERT INTO users VALUES (99, 'last')");
            awaitTrue("last user", () -> target.queryLong("SELECT count(*) FROM customers WHERE customer_id = 99") == 1,
                    replicator, worker);
            assertThat(target.queryString("SELECT string_agg(customer_id || '=' || full_name, ',' ORDER BY customer_id) FROM customers"))
                    .isEqualTo("1=renamed,3=user 3,4=user 4,5=user 5,6=user 6,7=user 7,8=user 8,9=user 9,10=user 10,99=last");
            // DELETE is not routed for orders: purchase 2 stays; the update of purchase 1 arrives.
            assertThat(target.queryLong("SELECT count(*) FROM purchases")).isEqualTo(10);
            assertThat(target.queryLong("SELECT total FROM purchases WHERE purchase_id = 1")).isZero();
            // Only INSERT is routed for events.
            assertThat(target.queryLong("SELECT count(*) FROM audit_log")).isEqualTo(10);
            assertThat(target.queryString("SELECT event_kind FROM audit_log WHERE id = 1")).isEqualTo("k1");
        }
    }
}
