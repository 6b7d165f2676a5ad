package io.pgflo.camel.ddl;

import io.pgflo.camel.event.TableName;
import java.util.List;

/** Small builders for table descriptions in tests. */
final class DdlFixtures {

    static final TableName USERS = new TableName("app", "users");

    private DdlFixtures() {
    }

    static ColumnState column(int attnum, String name, String type) {
        return new ColumnState(attnum, name, type, false, null, false);
    }

    static ColumnState column(int attnum, String name, String type, boolean notNull, String defaultValue) {
        return new ColumnState(attnum, name, type, notNull, defaultValue, false);
    }

    static IndexState index(long oid, String name, String body) {
        return new IndexState(oid, name, false, false, false, "btree", List.of(body.replaceAll(".*\\((.*)\\).*", "$1")),
                List.of(), false, null, body, "CREATE INDEX " + name + " ON app.users USING " + body, true);
    }

    static IndexState primaryKey(long oid, String name, String column) {
        return new IndexState(oid, name, true, true, true, "btree", List.of(column), List.of(), false, null,
                "btree (" + column + ")", null, true);
    }

    static ConstraintState pk(String name, String column) {
        return new ConstraintState(name, "p", "PRIMARY KEY (" + column + ")", List.of(column));
    }

    static TableState table(TableName name, List<ColumnState> columns, List<IndexState> indexes, List<ConstraintState> constraints) {
        return new TableState(name, columns, indexes, constraints);
    }

    static TableState users(ColumnState... columns) {
        return table(USERS, List.of(columns), List.of(primaryKey(1, "users_pkey", "id")), List.of(pk("users_pkey", "id")));
    }

    static DdlDocument alter(TableState before, TableState after) {
        return new DdlDocument("ALTER TABLE", "table", after.name().toString(), false, "ALTER TABLE ...", before, after, null);
    }
}
