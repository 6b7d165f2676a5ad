package io.pgflo.camel.ddl;

import static io.pgflo.camel.ddl.DdlFixtures.USERS;
import static io.pgflo.camel.ddl.DdlFixtures.alter;
import static io.pgflo.camel.ddl.DdlFixtures.column;
import static io.pgflo.camel.ddl.DdlFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.TableName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdlRoutingTest {

    private static final TableName CUSTOMERS = new TableName("crm", "customers");
    private static final TableMapping ROUTE = new TableMapping(CUSTOMERS, Map.of("id", "customer_id", "data", "profile"));

    private static TableState withIndex(IndexState index, ConstraintState... constraints) {
        return table(USERS, List.of(column(1, "id", "integer"), column(2, "data", "text"), column(3, "email", "text")),
                List.of(index), List.of(constraints));
    }

    private static TableState withoutIndexes() {
        return table(USERS, List.of(column(1, "id", "integer"), column(2, "data", "text"), column(3, "email", "text")),
                List.of(), List.of());
    }

    @Test
    void unroutedTablesKeepTheirDocument() {
        DdlDocument document = alter(DdlFixtures.users(column(1, "id", "integer")), DdlFixtures.users(column(1, "id", "integer")));
        assertThat(DdlRouting.route(document, t -> null)).isSameAs(document);
    }

    @Test
    void renamesTableColumnsKeysAndKeyConstraints() {
        IndexState index = new IndexState(5, "users_data_idx", false, false, false, "btree", List.of("data"), List.of("email"),
                false, null, "btree (data) INCLUDE (email)", null, true);
        TableState state = withIndex(index, new ConstraintState("users_pkey", "p", "PRIMARY KEY (id)", List.of("id")));
        DdlDocument routed = DdlRouting.route(alter(state, state), t -> t.equals(USERS) ? ROUTE : null);
        assertThat(routed.unmappable()).isNull();
        assertThat(routed.after().name()).isEqualTo(CUSTOMERS);
        assertThat(routed.before().name()).isEqualTo(CUSTOMERS);
        assertThat(routed.after().columns()).extracting(ColumnState::name).containsExactly("customer_id", "profile", "email");
        assertThat(routed.after().indexes().get(0).body()).isEqualTo("btree (\"profile\") INCLUDE (\"email\")");
        assertThat(routed.after().constraints().get(0).definition()).isEqualTo("PRIMARY KEY (\"customer_id\")");
    }

    @Test
    void anExpressionOnARenamedColumnIsUnmappableWithTheReason() {
        IndexState index = new IndexState(5, "users_lower_idx", false, false, false, "btree", List.of("lower(data)"), List.of(),
                true, null, "btree (lower(data))", null, true);
        DdlDocument routed = DdlRouting.route(alter(withoutIndexes(), withIndex(index)), t -> ROUTE);
        assertThat(routed.unmappable()).isEqualTo("index users_lower_idx of app.users uses column data, which routing renames,"
                + " in an expression or a WHERE clause (btree (lower(data))); expressions are not rewritten. Create the index on"
                + " the target yourself");
    }

    @Test
    void aCheckOnARenamedColumnIsUnmappable() {
        IndexState plain = new IndexState(5, "users_email_idx", false, false, false, "btree", List.of("email"), List.of(),
                false, null, "btree (email)", null, true);
        TableState state = withIndex(plain, new ConstraintState("data_check", "c", "CHECK ((data <> ''::text))", List.of("data")));
        assertThat(DdlRouting.route(alter(withIndex(plain), state), t -> ROUTE).unmappable())
                .startsWith("constraint data_check of app.users (CHECK ((data <> ''::text))) uses column data, which routing renames");
    }

    @Test
    void anUnchangedExpressionIndexDoesNotBlockLaterDdlOfItsTable() {
        IndexState index = new IndexState(5, "users_lower_idx", false, false, false, "btree", List.of("lower(data)"), List.of(),
                true, null, "btree (lower(data))", null, true);
        TableState before = withIndex(index, new ConstraintState("data_check", "c", "CHECK ((data <> ''::text))", List.of("data")));
        TableState after = table(USERS, List.of(column(1, "id", "integer"), column(2, "data", "text"), column(3, "email", "text"),
                column(4, "added", "integer")), before.indexes(), before.constraints());
        DdlDocument routed = DdlRouting.route(alter(before, after), t -> ROUTE);
        assertThat(routed.unmappable()).isNull();
        assertThat(routed.after().columns()).extracting(ColumnState::name).containsExactly("customer_id", "profile", "email", "added");
    }

    @Test
    void aRoutedTableRenamedOnTheSourceIsUnmappable() {
        TableState before = DdlFixtures.users(column(1, "id", "integer"));
        TableState after = table(new TableName("app", "people"), before.columns(), before.indexes(), before.constraints());
        DdlDocument routed = DdlRouting.route(alter(before, after), t -> t.equals(USERS) ? ROUTE : null);
        assertThat(routed.unmappable()).isEqualTo("the source renamed routed table app.users to app.people; the routing file"
                + " routes app.users, so rows of app.people would go to a table of that name. Route app.people in the routing file");
    }

    @Test
    void twoColumnsRenamedToOneNameAreUnmappable() {
        TableState state = table(USERS, List.of(column(1, "id", "integer"), column(2, "customer_id", "integer")), List.of(), List.of());
        assertThat(DdlRouting.route(alter(state, state), t -> ROUTE).unmappable())
                .isEqualTo("routing renames a column of app.users to 'customer_id', which another column of the table has;"
                        + " expected destination names no other column has");
    }
}
