package io.pgflo.camel.routing;

import static io.pgflo.camel.rules.TestRows.names;
import static io.pgflo.camel.rules.TestRows.record;
import static io.pgflo.camel.rules.TestRows.row;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.rules.TestRows;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static Router router(String yaml) {
        return RoutingLoader.parse(yaml, "routing.yaml", "public");
    }

    private static final String USERS_TO_CUSTOMERS = "users:\n  source_table: users\n  destination_table: customers\n"
            + "  column_mappings:\n    - {source: id, destination: customer_id}\n    - {source: username, destination: name}\n"
            + "  operations: [INSERT, UPDATE, DELETE]\n";

    private final TestRows.Table users = TestRows.table("users").key("id", "int4").column("username", "text")
            .column("email", "text");

    @Test
    void renamesTheTableAndColumnsOfTrackedDdl() {
        String document = "{\"v\":1,\"command\":\"ALTER TABLE\",\"object\":\"public.users\",\"before\":null,"
                + "\"table\":{\"schema\":\"public\",\"table\":\"users\",\"columns\":[{\"attnum\":1,\"name\":\"id\","
                + "\"type\":\"integer\"},{\"attnum\":2,\"name\":\"username\",\"type\":\"text\"}]}}";
        io.pgflo.camel.event.LogicalMessageEvent message = new io.pgflo.camel.event.LogicalMessageEvent("pgflo.ddl.g",
                document.getBytes(java.nio.charset.StandardCharsets.UTF_8), true, io.pgflo.camel.pgoutput.Lsn.parse("0/10"), null);
        io.pgflo.camel.event.ChangeRecord record = new io.pgflo.camel.event.ChangeRecord(
                new io.pgflo.camel.event.Position(io.pgflo.camel.pgoutput.Lsn.parse("0/20"), 0), java.time.Instant.EPOCH, message);

        io.pgflo.camel.event.ChangeRecord routed = router(USERS_TO_CUSTOMERS).route(record);

        io.pgflo.camel.ddl.DdlDocument ddl = io.pgflo.camel.ddl.DdlMessages.document(
                (io.pgflo.camel.event.LogicalMessageEvent) routed.event());
        assertThat(ddl.table()).isEqualTo(new TableName("public", "customers"));
        assertThat(ddl.after().columns()).extracting(io.pgflo.camel.ddl.ColumnState::name).containsExactly("customer_id", "name");
        assertThat(router("other:\n  source_table: other\n  destination_table: x\n").route(record)).isSameAs(record);
    }

    @Test
    void renamesTableAndColumnsIncludingTheKey() {
        RowChange result = router(USERS_TO_CUSTOMERS).route(users.insert("1", "ann", "a@b"));

        assertThat(result.table()).isEqualTo(new TableName("public", "customers"));
        assertThat(result.columns()).containsExactly(new ColumnInfo("customer_id", 0, "int4", -1, true),
                new ColumnInfo("name", 0, "text", -1, false), new ColumnInfo("email", 0, "text", -1, false));
        assertThat(result.keyColumns()).containsExactly("customer_id");
        assertThat(texts(result.newValues())).containsExactly("1", "ann", "a@b");
    }

    @Test
    void renamedChangesKeepValuesOldRowAndTransaction() {
        RowChange change = users.updateKey(row("1", null, null), "2", "ann", "a@b");

        RowChange result = router(USERS_TO_CUSTOMERS).route(change);

        assertThat(result.newValue("customer_id")).isEqualTo(TestRows.value("2"));
        assertThat(result.oldValue("customer_id")).isEqualTo(TestRows.value("1"));
        assertThat(result.oldIsKeyOnly()).isTrue();
        assertThat(result.operation()).isEqualTo(change.operation());
        assertThat(result.lsn()).isEqualTo(change.lsn());
        assertThat(result.transaction()).isEqualTo(change.transaction());
        assertThat(result.replicaIdentity()).isEqualTo(change.replicaIdentity());
    }

    @Test
    void renamesTheKeyOfADelete() {
        RowChange result = router(USERS_TO_CUSTOMERS).route(users.delete("7", null, null));

        assertThat(result.table().table()).isEqualTo("customers");
        assertThat(result.oldValue("customer_id")).isEqualTo(TestRows.value("7"));
        assertThat(result.keyColumns()).containsExactly("customer_id");
    }

    @Test
    void dropsOperationsTheRouteDoesNotList() {
        Router router = router("users:\n  destination_table: customers\n  operations: [INSERT]\n");

        assertThat(router.route(users.insert("1", "a", "b"))).isNotNull();
        assertThat(router.route(users.update("1", "a", "b"))).isNull();
        assertThat(router.route(users.delete("1", null, null))).isNull();
        assertThat(router.route(record(users.update("1", "a", "b")))).isNull();
    }

    @Test
    void anEmptyOperationsListPassesEverything() {
        Router router = router("users:\n  destination_table: customers\n  operations: []\n");

        assertThat(router.route(users.insert("1", "a", "b")).table().table()).isEqualTo("customers");
        assertThat(router.route(users.update("1", "a", "b")).table().table()).isEqualTo("customers");
        assertThat(router.route(users.delete("1", null, null)).table().table()).isEqualTo("customers");
        assertThat(router.route(TestRows.truncate("users")).tables()).containsExactly(new TableName("public", "customers"));
    }

    @Test
    void aMissingOperationsListPassesEverything() {
        Router router = router("users:\n  destination_table: customers\n");

        assertThat(router.route(users.insert("1", "a", "b"))).isNotNull();
        assertThat(router.route(users.update("1", "a", "b"))).isNotNull();
        assertThat(router.route(users.delete("1", null, null))).isNotNull();
        assertThat(router.route(TestRows.truncate("users"))).isNotNull();
    }

    @Test
    void aNullOperationsListPassesEverything() {
        Router router = router("users:\n  destination_table: customers\n  operations:\n");

        assertThat(router.route(users.delete("1", null, null))).isNotNull();
    }

    @Test
    void destinationSchemaMovesTheTable() {
        Router router = router("app.orders:\n  destination_schema: crm\n  destination_table: transactions\n");
        RowChange order = TestRows.table("app.orders").key("id", "int8").insert("1");

        assertThat(router.route(order).table()).isEqualTo(new TableName("crm", "transactions"));
    }

    @Test
    void destinationSchemaAloneKeepsTheTableName() {
        Router router = router("app.orders:\n  destination_schema: crm\n");

        assertThat(router.route(TestRows.table("app.orders").key("id", "int8").insert("1")).table())
                .isEqualTo(new TableName("crm", "orders"));
    }

    @Test
    void aQualifiedDestinationTableNamesItsSchema() {
        Router router = router("app.orders:\n  destination_table: crm.transactions\n");

        assertThat(router.route(TestRows.table("app.orders").key("id", "int8").insert("1")).table())
                .isEqualTo(new TableName("crm", "transactions"));
    }

    @Test
    void anUnqualifiedDestinationStaysInTheSourceSchema() {
        Router router = router("app.orders:\n  destination_table: transactions\n");

        assertThat(router.route(TestRows.table("app.orders").key("id", "int8").insert("1")).table())
                .isEqualTo(new TableName("app", "transactions"));
    }

    @Test
    void anUnqualifiedSourceIsInTheDefaultSchema() {
        Router router = RoutingLoader.parse("users:\n  destination_table: customers\n", "routing.yaml", "app");
        RowChange appUsers = TestRows.table("app.users").key("id", "int4").insert("1");
        RowChange publicUsers = TestRows.table("users").key("id", "int4").insert("1");

        assertThat(router.route(appUsers).table()).isEqualTo(new TableName("app", "customers"));
        assertThat(router.route(publicUsers)).isSameAs(publicUsers);
    }

    @Test
    void tablesWithoutARoutePassUnchanged() {
        ChangeRecord orders = record(TestRows.table("orders").key("id", "int4").insert("1"));

        assertThat(router(USERS_TO_CUSTOMERS).route(orders)).isSameAs(orders);
    }

    @Test
    void logicalMessagesPassUnchanged() {
        ChangeRecord message = record(TestRows.message());

        assertThat(router("users:\n  operations: [INSERT]\n").route(message)).isSameAs(message);
    }

    @Test
    void aRouteThatRenamesNothingReturnsTheSameChange() {
        RowChange change = users.insert("1", "a", "b");

        assertThat(router("users:\n  operations: [INSERT]\n").route(change)).isSameAs(change);
    }

    @Test
    void theRecordKeepsItsPositionAndTime() {
        ChangeRecord change = record(users.insert("1", "a", "b"));

        ChangeRecord result = router(USERS_TO_CUSTOMERS).route(change);

        assertThat(result.position()).isEqualTo(change.position());
        assertThat(result.emittedAt()).isEqualTo(change.emittedAt());
        assertThat(((RowChange) result.event()).table().table()).isEqualTo("customers");
    }

    @Test
    void truncateOfARoutedTableGetsTheRenamedTable() {
        Router router = router("users:\n  destination_table: customers\n  operations: [INSERT, TRUNCATE]\n");
        TruncateEvent truncate = TestRows.truncate("users", "orders");
        truncate = new TruncateEvent(truncate.tables(), true, true, truncate.lsn(), truncate.transaction());

        TruncateEvent result = router.route(truncate);

        assertThat(result.tables()).containsExactly(new TableName("public", "customers"), new TableName("public", "orders"));
        assertThat(result.cascade()).isTrue();
        assertThat(result.restartIdentity()).isTrue();
        assertThat(result.lsn()).isEqualTo(truncate.lsn());
    }

    @Test
    void truncateOfARouteWithoutTruncateLeavesThatTableOut() {
        Router router = router(USERS_TO_CUSTOMERS);

        assertThat(router.route(TestRows.truncate("users", "orders")).tables())
                .containsExactly(new TableName("public", "orders"));
        assertThat(router.route(TestRows.truncate("users"))).isNull();
        assertThat(router.route(record(TestRows.truncate("users")))).isNull();
    }

    @Test
    void truncateOfTablesWithoutRoutesIsTheSameEvent() {
        TruncateEvent truncate = TestRows.truncate("orders");

        assertThat(router(USERS_TO_CUSTOMERS).route(truncate)).isSameAs(truncate);
    }

    @Test
    void mappingsForColumnsTheChangeLacksAreIgnored() {
        RowChange result = router("users:\n  column_mappings: [{source: gone, destination: x}, {source: email, destination: mail}]\n")
                .route(users.insert("1", "a", "b"));

        assertThat(names(result.columns())).containsExactly("id", "username", "mail");
    }

    @Test
    void aRenameOntoAnExistingColumnIsRefusedWhenAChangeMeetsIt() {
        Router router = router("users:\n  column_mappings: [{source: username, destination: email}]\n");

        assertThatThrownBy(() -> router.route(users.insert("1", "a", "b")))
                .isInstanceOf(RoutingException.class)
                .hasMessage("routing.yaml: table public.users: column_mappings: renaming gives public.users two columns"
                        + " named 'email'; expected destination names that no other column of the table has");
    }

    @Test
    void swappingTwoColumnNamesIsAllowed() {
        RowChange result = router("users:\n  column_mappings: [{source: username, destination: email}, {source: email, destination: username}]\n")
                .route(users.insert("1", "ann", "a@b"));

        assertThat(names(result.columns())).containsExactly("id", "email", "username");
        assertThat(texts(result.newValues())).containsExactly("1", "ann", "a@b");
    }

    @Test
    void emptyRouterPassesEverything() {
        ChangeRecord change = record(users.insert("1", "a", "b"));

        assertThat(Router.EMPTY.route(change)).isSameAs(change);
        assertThat(router("# no routes yet\n").isEmpty()).isTrue();
    }
}
