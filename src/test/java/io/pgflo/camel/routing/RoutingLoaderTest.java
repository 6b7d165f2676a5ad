package io.pgflo.camel.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.TableName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading is strict: each case is a file with one mistake; the message names the file, the table and the key. */
class RoutingLoaderTest {

    private static final String AT = "routing.yaml: table public.users: ";

    private static String error(String yaml) {
        Throwable thrown = null;
        try {
            RoutingLoader.parse(yaml, "routing.yaml", "public");
        } catch (RoutingException e) {
            thrown = e;
        }
        assertThat(thrown).as("loading must fail").isNotNull();
        return thrown.getMessage();
    }

    @Test
    void yamlSyntaxError() {
        assertThat(error("users:\n  operations: [INSERT\n")).startsWith("routing.yaml: not valid YAML at line ");
    }

    @Test
    void repeatedKey() {
        assertThat(error("users:\n  destination_table: a\n  destination_table: b\n"))
                .isEqualTo("routing.yaml: not valid YAML at line 3, column 20: Duplicate field 'destination_table'");
    }

    @Test
    void rootNotAMapping() {
        assertThat(error("- users\n")).isEqualTo("routing.yaml: expected a mapping from source table to its route, got a list");
    }

    @Test
    void badTableName() {
        assertThat(error("a.b.c:\n  operations: [INSERT]\n"))
                .isEqualTo("routing.yaml: 'a.b.c' has more than one dot; expected table or schema.table"
                        + " (a route's key names its source table)");
    }

    @Test
    void tableRoutedTwice() {
        assertThat(error("users: {}\npublic.users: {}\n"))
                .isEqualTo("routing.yaml: table public.users: routed twice (as 'public.users' and once before);"
                        + " expected one route per source table");
    }

    @Test
    void routeNotAMapping() {
        assertThat(error("users:\n")).isEqualTo(AT + "expected a mapping with destination_table, column_mappings"
                + " and operations, got null");
    }

    @Test
    void unknownKey() {
        assertThat(error("users:\n  destination: customers\n"))
                .isEqualTo(AT + "destination: unknown key; expected one of source_table, destination_table,"
                        + " destination_schema, column_mappings, operations");
    }

    @Test
    void sourceTableNamingAnotherTable() {
        assertThat(error("users:\n  source_table: people\n"))
                .isEqualTo(AT + "source_table: names public.people but the route's key names public.users;"
                        + " expected the same table (the key decides which table is routed)");
    }

    @Test
    void sourceTableNotAString() {
        assertThat(error("users:\n  source_table: 3\n"))
                .isEqualTo(AT + "source_table: expected the source table's name, the same table as the route's key,"
                        + " a non-empty string, got the number 3");
    }

    @Test
    void emptyDestinationTable() {
        assertThat(error("users:\n  destination_table: ''\n"))
                .isEqualTo(AT + "destination_table: expected the destination table's name, optionally schema.table,"
                        + " a non-empty string, got the string ''");
    }

    @Test
    void badDestinationTable() {
        assertThat(error("users:\n  destination_table: a.b.c\n"))
                .isEqualTo(AT + "destination_table: 'a.b.c' has more than one dot; expected table or schema.table");
    }

    @Test
    void destinationSchemaNotAString() {
        assertThat(error("users:\n  destination_schema: [crm]\n"))
                .isEqualTo(AT + "destination_schema: expected the destination schema's name, a non-empty string, got a list");
    }

    @Test
    void destinationTableAndSchemaDisagree() {
        assertThat(error("users:\n  destination_table: sales.customers\n  destination_schema: crm\n"))
                .isEqualTo(AT + "destination_table: names schema sales but destination_schema is crm;"
                        + " expected one of them, or both the same");
    }

    @Test
    void columnMappingsNotAList() {
        assertThat(error("users:\n  column_mappings: {id: customer_id}\n"))
                .isEqualTo(AT + "column_mappings: expected a list of {source, destination} column renames, got a mapping");
    }

    @Test
    void columnMappingNotAMapping() {
        assertThat(error("users:\n  column_mappings: [id]\n"))
                .isEqualTo(AT + "column_mappings: element 1: expected a mapping with source and destination,"
                        + " got the string 'id'");
    }

    @Test
    void columnMappingWithAnUnknownKey() {
        assertThat(error("users:\n  column_mappings:\n    - {source: id, destination: a}\n    - {source: x, target: y}\n"))
                .isEqualTo(AT + "column_mappings: element 2: target: unknown key; expected source, destination");
    }

    @Test
    void columnMappingWithoutDestination() {
        assertThat(error("users:\n  column_mappings: [{source: id}]\n"))
                .isEqualTo(AT + "column_mappings: element 1: destination: missing; expected the column's name"
                        + " at the destination");
    }

    @Test
    void columnMappingSourceNotAString() {
        assertThat(error("users:\n  column_mappings: [{source: 1, destination: a}]\n"))
                .isEqualTo(AT + "column_mappings: element 1: source: expected the source column's name,"
                        + " a non-empty string, got the number 1");
    }

    @Test
    void sourceColumnMappedTwice() {
        assertThat(error("users:\n  column_mappings: [{source: id, destination: a}, {source: id, destination: b}]\n"))
                .isEqualTo(AT + "column_mappings: element 2: source: column 'id' is mapped twice;"
                        + " expected each source column once");
    }

    @Test
    void twoColumnsMappedToOneDestination() {
        assertThat(error("users:\n  column_mappings: [{source: a, destination: x}, {source: b, destination: x}]\n"))
                .isEqualTo(AT + "column_mappings: element 2: destination: two columns are mapped to 'x';"
                        + " expected a distinct destination for each");
    }

    @Test
    void operationsNotAList() {
        assertThat(error("users:\n  operations: INSERT\n"))
                .isEqualTo(AT + "operations: expected a list of INSERT, UPDATE, DELETE and TRUNCATE, got the string 'INSERT'");
    }

    @Test
    void unknownOperation() {
        assertThat(error("users:\n  operations: [INSERT, UPDATE, UPSERT]\n"))
                .isEqualTo(AT + "operations: element 3 is the string 'UPSERT'; expected one of INSERT, UPDATE, DELETE, TRUNCATE");
    }

    @Test
    void lowerCaseOperation() {
        assertThat(error("users:\n  operations: [insert]\n"))
                .isEqualTo(AT + "operations: element 1 is the string 'insert'; expected one of INSERT, UPDATE, DELETE, TRUNCATE");
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        Path missing = dir.resolve("routing.yaml");

        assertThatThrownBy(() -> RoutingLoader.load(missing, "public"))
                .isInstanceOf(RoutingException.class)
                .hasMessage(missing + ": cannot read the routing file: java.nio.file.NoSuchFileException: " + missing);
    }

    @Test
    void sourceTableNamingTheKeysTableLoads() {
        Router router = RoutingLoader.parse("app.users:\n  source_table: app.users\n  destination_table: customers\n"
                + "users:\n  source_table: public.users\n", "routing.yaml", "public");

        assertThat(router.tables()).containsExactly(new TableName("app", "users"), new TableName("public", "users"));
    }
}
