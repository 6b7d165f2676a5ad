package io.pgflo.camel.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.copytext.CopyTextRow;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementPlannerTest {

    private static final TupleValue NULL = TupleValue.Null.INSTANCE;
    private static final TupleValue TOAST = TupleValue.UnchangedToast.INSTANCE;
    private static final TransactionInfo TX =
            new TransactionInfo(new Xid(812), Lsn.parse("0/16B3748"), Instant.parse("2026-03-01T10:15:30Z"), null);
    private static final Lsn LSN = Lsn.parse("0/16B3700");

    private static final TableName USERS = new TableName("public", "users");
    private static final List<ColumnInfo> USER_COLUMNS = List.of(col("id", true), col("name", false), col("bio", false));
    private static final TargetTable USERS_TARGET =
            new TargetTable(USERS, Set.of("id", "name", "bio"), List.of("id"));

    // ---------------------------------------------------------------- INSERT

    @Test
    void insertOnKeyedTargetIsAnUpsertUpdatingTheNonKeyColumns() {
        ChangeRecord record = record(insert(USERS, USER_COLUMNS, values(t("1"), t("Ada"), t("math"))));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
        assertThat(statement.parameters()).containsExactly("1", "Ada", "math");
        assertThat(statement.change()).isSameAs(record);
        assertThat(statement.ifNoRow()).isNull();
    }

    @Test
    void aCopiedRowKeepsItsCopyTextAndReadsItOnlyWhenBound() {
        byte[] line = "1\tAda\\tLovelace\t\\N\n".getBytes(StandardCharsets.UTF_8);
        CopyTextRow copied = CopyTextRow.ofLine(line, 3);
        ChangeRecord record = record(insert(USERS, USER_COLUMNS, copied));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
        assertThat(statement.parameters()).isInstanceOf(CopyTextParameters.class);
        assertThat(((CopyTextParameters) statement.parameters()).row()).isSameAs(copied);
        assertThat(statement.parameters()).containsExactly("1", "Ada\tLovelace", null);
        assertThat(statement.insert().columns()).containsExactly("\"id\"", "\"name\"", "\"bio\"");
    }

    @Test
    void aCopiedRowWithAColumnTheTargetLacksIsRefusedLikeAnyOther() {
        CopyTextRow copied = CopyTextRow.ofLine("1\tAda\tmath\n".getBytes(StandardCharsets.UTF_8), 3);
        TargetTable narrow = new TargetTable(USERS, Set.of("id", "name"), List.of("id"));
        assertThatThrownBy(() -> StatementPlanner.plan(record(insert(USERS, USER_COLUMNS, copied)), narrow))
                .hasMessageContaining("column bio of public.users does not exist in target table");
    }

    @Test
    void copiedRowsOfOneColumnListAreCheckedAgainAgainstAChangedTarget() {
        CopyTextRow first = CopyTextRow.ofLine("1\tAda\tmath\n".getBytes(StandardCharsets.UTF_8), 3);
        CopyTextRow second = CopyTextRow.ofLine("2\tBob\tart\n".getBytes(StandardCharsets.UTF_8), 3);
        SqlStatement planned = single(StatementPlanner.plan(record(insert(USERS, USER_COLUMNS, first)), USERS_TARGET));
        assertThat(single(StatementPlanner.plan(record(insert(USERS, USER_COLUMNS, second)), USERS_TARGET)).sql())
                .isEqualTo(planned.sql());

        // The same rows' columns against the table after a column was dropped on the target.
        TargetTable narrowed = new TargetTable(USERS, Set.of("id", "name"), List.of("id"));
        assertThatThrownBy(() -> StatementPlanner.plan(record(insert(USERS, USER_COLUMNS, second)), narrowed))
                .hasMessageContaining("column bio of public.users does not exist in target table");

        // A target keyed otherwise gets its own conflict clause, though the columns are the same.
        TargetTable keyedByName = new TargetTable(USERS, Set.of("id", "name", "bio"), List.of("name"));
        assertThat(single(StatementPlanner.plan(record(insert(USERS, USER_COLUMNS, second)), keyedByName)).sql())
                .endsWith("ON CONFLICT (\"name\") DO UPDATE SET \"id\" = EXCLUDED.\"id\", \"bio\" = EXCLUDED.\"bio\"");
    }

    @Test
    void insertWhereEveryColumnIsKeyDoesNothingOnConflict() {
        TableName links = new TableName("public", "user_roles");
        List<ColumnInfo> columns = List.of(col("user_id", true), col("role_id", true));
        TargetTable target = new TargetTable(links, Set.of("user_id", "role_id"), List.of("user_id", "role_id"));

        SqlStatement statement = single(StatementPlanner.plan(record(insert(links, columns, values(t("7"), t("3")))), target));

        assertThat(statement.sql()).isEqualTo("INSERT INTO \"public\".\"user_roles\" (\"user_id\", \"role_id\") VALUES (?, ?)"
                + " ON CONFLICT (\"user_id\", \"role_id\") DO NOTHING");
        assertThat(statement.parameters()).containsExactly("7", "3");
        assertThat(statement.ifNoRow()).isNull();
    }

    @Test
    void insertOnKeylessTargetIsAPlainInsert() {
        TableName log = new TableName("public", "audit_log");
        List<ColumnInfo> columns = List.of(col("at", false), col("message", false));
        TargetTable target = new TargetTable(log, Set.of("at", "message"), List.of());

        SqlStatement statement = single(StatementPlanner.plan(
                record(insert(log, columns, values(t("2026-03-01 10:15:30+00"), t("login")))), target));

        assertThat(statement.sql()).isEqualTo("INSERT INTO \"public\".\"audit_log\" (\"at\", \"message\") VALUES (?, ?)");
        assertThat(statement.parameters()).containsExactly("2026-03-01 10:15:30+00", "login");
    }

    @Test
    void nullValuesAreWrittenAsNullParametersNotLeftOut() {
        SqlStatement statement = single(StatementPlanner.plan(
                record(insert(USERS, USER_COLUMNS, values(t("2"), NULL, t("")))), USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
        assertThat(statement.parameters()).isEqualTo(Arrays.asList("2", null, ""));
    }

    @Test
    void insertMayWriteASubsetOfTheTargetsColumns() {
        TargetTable wider = new TargetTable(USERS, Set.of("id", "name", "bio", "created_at"), List.of("id"));

        SqlStatement statement = single(StatementPlanner.plan(
                record(insert(USERS, USER_COLUMNS, values(t("1"), t("Ada"), t("math")))), wider));

        assertThat(statement.sql()).isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
    }

    // ---------------------------------------------------------------- UPDATE

    @Test
    void updateWithoutKeyChangeFindsTheRowByTheNewKey() {
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada Lovelace"), t("math")), null, false));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo(
                "UPDATE \"public\".\"users\" SET \"name\" = ?, \"bio\" = ? WHERE \"id\" = ?");
        assertThat(statement.parameters()).containsExactly("Ada Lovelace", "math", "1");
        assertThat(statement.change()).isSameAs(record);
    }

    @Test
    void updateWithoutMatchingRowFallsBackToAnUpsertOfTheNewRow() {
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), NULL, t("math")), null, false));

        SqlStatement fallback = single(StatementPlanner.plan(record, USERS_TARGET)).ifNoRow();

        assertThat(fallback).isNotNull();
        assertThat(fallback.sql()).isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
        assertThat(fallback.parameters()).isEqualTo(Arrays.asList("1", null, "math"));
        assertThat(fallback.change()).isSameAs(record);
        assertThat(fallback.ifNoRow()).isNull();
    }

    @Test
    void updateWithKeyChangeFindsTheRowByTheOldKeyOnlyValues() {
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("2"), t("Ada"), t("math")), values(t("1"), NULL, NULL), true));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo(
                "UPDATE \"public\".\"users\" SET \"id\" = ?, \"name\" = ?, \"bio\" = ? WHERE \"id\" = ?");
        assertThat(statement.parameters()).containsExactly("2", "Ada", "math", "1");
        assertThat(statement.ifNoRow().sql()).isEqualTo(
                "INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                        + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
        assertThat(statement.ifNoRow().parameters()).containsExactly("2", "Ada", "math");
    }

    @Test
    void unchangedToastColumnIsLeftOutOfTheSetAndOutOfTheFallbackUpsert() {
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada"), TOAST), null, false));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("UPDATE \"public\".\"users\" SET \"name\" = ? WHERE \"id\" = ?");
        assertThat(statement.parameters()).containsExactly("Ada", "1");
        assertThat(statement.ifNoRow().sql()).isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\") VALUES (?, ?)"
                + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\"");
        assertThat(statement.ifNoRow().parameters()).containsExactly("1", "Ada");
    }

    private static final java.util.Map<String, String> USER_TYPES = java.util.Map.of("id", "\"pg_catalog\".\"int8\"",
            "name", "\"pg_catalog\".\"text\"", "bio", "\"public\".\"Bio\"");
    /** The source's columns are text (OID 25) in these tests; so is the target's key. */
    private static final java.util.Map<String, Long> TEXT_OIDS = java.util.Map.of("id", 25L, "name", 25L, "bio", 25L);
    private static final TargetTable TYPED_USERS =
            new TargetTable(USERS, Set.of("id", "name", "bio"), List.of("id"), USER_TYPES, TEXT_OIDS);

    @Test
    void updateByTheTargetKeyCarriesItsSetBasedForm() {
        SqlStatement statement = single(StatementPlanner.plan(record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada"), TOAST), null, false)), TYPED_USERS));

        assertThat(statement.byKey()).isEqualTo(new SqlStatement.ByKey(false, "\"public\".\"users\"",
                List.of("\"name\""), List.of("\"pg_catalog\".\"text\""), List.of("\"id\""), List.of("\"pg_catalog\".\"int8\"")));
        assertThat(statement.parameters()).containsExactly("Ada", "1");
    }

    @Test
    void deleteByTheTargetKeyCarriesItsSetBasedForm() {
        SqlStatement statement = single(StatementPlanner.plan(record(delete(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("4"), NULL, NULL), true)), TYPED_USERS));

        assertThat(statement.byKey()).isEqualTo(new SqlStatement.ByKey(true, "\"public\".\"users\"", List.of(), List.of(),
                List.of("\"id\""), List.of("\"pg_catalog\".\"int8\"")));
    }

    @Test
    void anUpdateThatMayChangeItsKeyHasNoSetBasedForm() {
        SqlStatement keyChange = single(StatementPlanner.plan(record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("2"), t("Ada"), t("math")), values(t("1"), NULL, NULL), true)), TYPED_USERS));
        List<ColumnInfo> full = List.of(col("id", true), col("name", true), col("bio", true));
        SqlStatement fullIdentity = single(StatementPlanner.plan(record(update(USERS, full, ReplicaIdentity.FULL,
                values(t("4"), t("Grace"), NULL), values(t("4"), t("Ada"), NULL), false)), TYPED_USERS));

        assertThat(keyChange.byKey()).isNull();
        assertThat(fullIdentity.byKey()).isNull();
    }

    @Test
    void aRowFoundWithoutTheTargetKeyOrAColumnOfUnknownTypeHasNoSetBasedForm() {
        TableName log = new TableName("public", "events");
        List<ColumnInfo> full = List.of(col("kind", true), col("payload", true));
        TargetTable keyless = new TargetTable(log, Set.of("kind", "payload"), List.of(),
                java.util.Map.of("kind", "\"pg_catalog\".\"text\"", "payload", "\"pg_catalog\".\"jsonb\""),
                java.util.Map.of("kind", 25L, "payload", 3802L));
        SqlStatement byAllColumns = single(StatementPlanner.plan(
                record(delete(log, full, ReplicaIdentity.FULL, values(t("a"), t("{}")), false)), keyless));
        SqlStatement untyped = single(StatementPlanner.plan(record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada"), t("math")), null, false)), USERS_TARGET));

        assertThat(byAllColumns.byKey()).isNull();
        assertThat(untyped.byKey()).isNull();
    }

    @Test
    void aKeyOfAnotherTypeOnTheTargetHasNoSetBasedForm() {
        // A text key landing in a uuid column: two texts could name one target row, which a run cannot see.
        java.util.Map<String, Long> uuidKey = new java.util.HashMap<>(TEXT_OIDS);
        uuidKey.put("id", 2950L);
        TargetTable target = new TargetTable(USERS, Set.of("id", "name", "bio"), List.of("id"), USER_TYPES, uuidKey);

        SqlStatement update = single(StatementPlanner.plan(record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada"), t("math")), null, false)), target));
        SqlStatement delete = single(StatementPlanner.plan(record(delete(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), NULL, NULL), true)), target));

        assertThat(update.byKey()).isNull();
        assertThat(delete.byKey()).isNull();
    }

    @Test
    void aColumnWhoseTypeChangedGetsItsNewTypeThoughTheStatementTextIsTheSame() {
        java.util.Map<String, String> changed = new java.util.HashMap<>(USER_TYPES);
        changed.put("name", "\"pg_catalog\".\"varchar\"");
        TargetTable altered = new TargetTable(USERS, Set.of("id", "name", "bio"), List.of("id"), changed, TEXT_OIDS);
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT, values(t("1"), t("Ada"), TOAST), null, false));

        SqlStatement before = single(StatementPlanner.plan(record, TYPED_USERS));
        SqlStatement after = single(StatementPlanner.plan(record, altered));

        assertThat(after.sql()).isEqualTo(before.sql());
        assertThat(after.byKey().setTypes()).containsExactly("\"pg_catalog\".\"varchar\"");
    }

    @Test
    void replicaIdentityFullOnKeyedTargetComparesTheKeyFromTheOldRowWithEquals() {
        List<ColumnInfo> full = List.of(col("id", true), col("name", true), col("bio", true));
        ChangeRecord record = record(update(USERS, full, ReplicaIdentity.FULL,
                values(t("5"), t("Grace"), NULL), values(t("4"), t("Ada"), NULL), false));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo(
                "UPDATE \"public\".\"users\" SET \"id\" = ?, \"name\" = ?, \"bio\" = ? WHERE \"id\" = ?");
        assertThat(statement.parameters()).isEqualTo(Arrays.asList("5", "Grace", null, "4"));
        assertThat(statement.ifNoRow().sql()).isEqualTo(
                "INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)"
                        + " ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"bio\" = EXCLUDED.\"bio\"");
    }

    @Test
    void replicaIdentityFullDeleteOnKeyedTargetDeletesByThePrimaryKeyOnly() {
        List<ColumnInfo> full = List.of(col("id", true), col("name", true), col("bio", true));
        ChangeRecord record = record(delete(USERS, full, ReplicaIdentity.FULL, values(t("4"), t("Ada"), NULL), false));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("DELETE FROM \"public\".\"users\" WHERE \"id\" = ?");
        assertThat(statement.parameters()).containsExactly("4");
    }

    @Test
    void keylessTargetWithFullIdentityUpdatesOneRowMatchedOnAllColumnsNullSafe() {
        TableName log = new TableName("public", "events");
        List<ColumnInfo> full = List.of(col("kind", true), col("payload", true));
        TargetTable target = new TargetTable(log, Set.of("kind", "payload"), List.of());
        ChangeRecord record = record(update(log, full, ReplicaIdentity.FULL,
                values(t("click"), t("{\"x\": 2}")), values(t("click"), NULL), false));

        SqlStatement statement = single(StatementPlanner.plan(record, target));

        assertThat(statement.sql()).isEqualTo("UPDATE \"public\".\"events\" SET \"kind\" = ?, \"payload\" = ?"
                + " WHERE ctid = (SELECT ctid FROM \"public\".\"events\""
                + " WHERE \"kind\" IS NOT DISTINCT FROM ? AND \"payload\" IS NOT DISTINCT FROM ? LIMIT 1)");
        assertThat(statement.parameters()).isEqualTo(Arrays.asList("click", "{\"x\": 2}", "click", null));
        assertThat(statement.ifNoRow().sql())
                .isEqualTo("INSERT INTO \"public\".\"events\" (\"kind\", \"payload\") VALUES (?, ?)");
        assertThat(statement.ifNoRow().parameters()).containsExactly("click", "{\"x\": 2}");
    }

    @Test
    void keylessTargetWithFullIdentityDeletesOneRowMatchedOnAllColumnsNullSafe() {
        TableName log = new TableName("public", "events");
        List<ColumnInfo> full = List.of(col("kind", true), col("payload", true));
        TargetTable target = new TargetTable(log, Set.of("kind", "payload"), List.of());
        ChangeRecord record = record(delete(log, full, ReplicaIdentity.FULL, values(NULL, t("p")), false));

        SqlStatement statement = single(StatementPlanner.plan(record, target));

        assertThat(statement.sql()).isEqualTo("DELETE FROM \"public\".\"events\""
                + " WHERE ctid = (SELECT ctid FROM \"public\".\"events\""
                + " WHERE \"kind\" IS NOT DISTINCT FROM ? AND \"payload\" IS NOT DISTINCT FROM ? LIMIT 1)");
        assertThat(statement.parameters()).isEqualTo(Arrays.asList(null, "p"));
        assertThat(statement.ifNoRow()).isNull();
    }

    @Test
    void keylessTargetWithSourceKeyIdentityMatchesNullSafeOnTheSourceKeyWithoutCtid() {
        TargetTable keyless = new TargetTable(USERS, Set.of("id", "name", "bio"), List.of());
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada"), t("math")), null, false));

        SqlStatement statement = single(StatementPlanner.plan(record, keyless));

        assertThat(statement.sql()).isEqualTo(
                "UPDATE \"public\".\"users\" SET \"name\" = ?, \"bio\" = ? WHERE \"id\" IS NOT DISTINCT FROM ?");
        assertThat(statement.parameters()).containsExactly("Ada", "math", "1");
        assertThat(statement.ifNoRow().sql())
                .isEqualTo("INSERT INTO \"public\".\"users\" (\"id\", \"name\", \"bio\") VALUES (?, ?, ?)");
    }

    // ---------------------------------------------------------------- DELETE

    @Test
    void deleteByKey() {
        ChangeRecord record = record(delete(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT, values(t("9"), NULL, NULL), true));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("DELETE FROM \"public\".\"users\" WHERE \"id\" = ?");
        assertThat(statement.parameters()).containsExactly("9");
        assertThat(statement.change()).isSameAs(record);
        assertThat(statement.ifNoRow()).isNull();
    }

    // ---------------------------------------------------------------- composite keys and quoting

    @Test
    void compositeKeyFollowsTheTargetKeyOrderNotTheColumnOrder() {
        TableName items = new TableName("sales", "items");
        List<ColumnInfo> columns = List.of(col("id", true), col("qty", false), col("tenant", true));
        TargetTable target = new TargetTable(items, Set.of("id", "qty", "tenant"), List.of("tenant", "id"));

        SqlStatement insert = single(StatementPlanner.plan(record(insert(items, columns, values(t("10"), t("3"), t("acme")))), target));
        SqlStatement update = single(StatementPlanner.plan(record(update(items, columns, ReplicaIdentity.DEFAULT,
                values(t("10"), t("4"), t("acme")), null, false)), target));
        SqlStatement delete = single(StatementPlanner.plan(record(delete(items, columns, ReplicaIdentity.DEFAULT,
                values(t("10"), NULL, t("acme")), true)), target));

        assertThat(insert.sql()).isEqualTo("INSERT INTO \"sales\".\"items\" (\"id\", \"qty\", \"tenant\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"tenant\", \"id\") DO UPDATE SET \"qty\" = EXCLUDED.\"qty\"");
        assertThat(insert.parameters()).containsExactly("10", "3", "acme");
        assertThat(update.sql()).isEqualTo("UPDATE \"sales\".\"items\" SET \"qty\" = ?"
                + " WHERE \"tenant\" = ? AND \"id\" = ?");
        assertThat(update.parameters()).containsExactly("4", "acme", "10");
        assertThat(delete.sql()).isEqualTo("DELETE FROM \"sales\".\"items\" WHERE \"tenant\" = ? AND \"id\" = ?");
        assertThat(delete.parameters()).containsExactly("acme", "10");
    }

    @Test
    void mixedCaseNamesSpacesAndQuotesAreQuoted() {
        TableName lines = new TableName("My Schema", "Order \"Lines\"");
        List<ColumnInfo> columns = List.of(col("OrderId", true), col("line no", false), col("say \"hi\"", false));
        TargetTable target = new TargetTable(lines, Set.of("OrderId", "line no", "say \"hi\""), List.of("OrderId"));

        SqlStatement insert = single(StatementPlanner.plan(
                record(insert(lines, columns, values(t("1"), t("2"), t("it's \"quoted\"")))), target));
        SqlStatement update = single(StatementPlanner.plan(record(update(lines, columns, ReplicaIdentity.DEFAULT,
                values(t("1"), t("3"), NULL), null, false)), target));
        SqlStatement delete = single(StatementPlanner.plan(record(delete(lines, columns, ReplicaIdentity.DEFAULT,
                values(t("1"), NULL, NULL), true)), target));

        assertThat(insert.sql()).isEqualTo("INSERT INTO \"My Schema\".\"Order \"\"Lines\"\"\""
                + " (\"OrderId\", \"line no\", \"say \"\"hi\"\"\") VALUES (?, ?, ?)"
                + " ON CONFLICT (\"OrderId\") DO UPDATE SET \"line no\" = EXCLUDED.\"line no\","
                + " \"say \"\"hi\"\"\" = EXCLUDED.\"say \"\"hi\"\"\"");
        assertThat(insert.parameters()).containsExactly("1", "2", "it's \"quoted\"");
        assertThat(update.sql()).isEqualTo("UPDATE \"My Schema\".\"Order \"\"Lines\"\"\""
                + " SET \"line no\" = ?, \"say \"\"hi\"\"\" = ? WHERE \"OrderId\" = ?");
        assertThat(update.parameters()).isEqualTo(Arrays.asList("3", null, "1"));
        assertThat(delete.sql()).isEqualTo("DELETE FROM \"My Schema\".\"Order \"\"Lines\"\"\" WHERE \"OrderId\" = ?");
    }

    @Test
    void keylessFullIdentityQuotesTheTableInTheCtidSubquery() {
        TableName lines = new TableName("My Schema", "Order \"Lines\"");
        List<ColumnInfo> full = List.of(col("Sku", true));
        TargetTable target = new TargetTable(lines, Set.of("Sku"), List.of());

        SqlStatement delete = single(StatementPlanner.plan(
                record(delete(lines, full, ReplicaIdentity.FULL, values(t("A-1")), false)), target));

        assertThat(delete.sql()).isEqualTo("DELETE FROM \"My Schema\".\"Order \"\"Lines\"\"\""
                + " WHERE ctid = (SELECT ctid FROM \"My Schema\".\"Order \"\"Lines\"\"\""
                + " WHERE \"Sku\" IS NOT DISTINCT FROM ? LIMIT 1)");
        assertThat(delete.parameters()).containsExactly("A-1");
    }

    // ---------------------------------------------------------------- TRUNCATE and messages

    @Test
    void truncateOfTwoTablesWithRestartIdentityAndCascade() {
        ChangeRecord record = record(new TruncateEvent(
                List.of(USERS, new TableName("My Schema", "Order \"Lines\"")), true, true, LSN, TX));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo(
                "TRUNCATE \"public\".\"users\", \"My Schema\".\"Order \"\"Lines\"\"\" RESTART IDENTITY CASCADE");
        assertThat(statement.parameters()).isEmpty();
        assertThat(statement.change()).isSameAs(record);
        assertThat(statement.ifNoRow()).isNull();
    }

    @Test
    void truncateWithoutOptionsNamesOnlyTheTables() {
        ChangeRecord record = record(new TruncateEvent(
                List.of(USERS, new TableName("sales", "items")), false, false, LSN, TX));

        SqlStatement statement = single(StatementPlanner.plan(record, USERS_TARGET));

        assertThat(statement.sql()).isEqualTo("TRUNCATE \"public\".\"users\", \"sales\".\"items\"");
    }

    @Test
    void logicalMessageGivesNoStatements() {
        ChangeRecord record = record(new LogicalMessageEvent("app", "hello".getBytes(StandardCharsets.UTF_8), true, LSN, TX));

        assertThat(StatementPlanner.plan(record, USERS_TARGET)).isEmpty();
    }

    @Test
    void tableOfNamesTheRowChangesTableAndNothingForOtherEvents() {
        assertThat(StatementPlanner.tableOf(record(insert(USERS, USER_COLUMNS, values(t("1"), t("a"), t("b"))))))
                .isEqualTo(USERS);
        assertThat(StatementPlanner.tableOf(record(new TruncateEvent(List.of(USERS), false, false, LSN, TX)))).isNull();
    }

    // ---------------------------------------------------------------- errors

    @Test
    void columnMissingOnTheTargetIsRejected() {
        TableName source = new TableName("public", "users_src");
        List<ColumnInfo> columns = List.of(col("id", true), col("name", false), col("nickname", false));
        TargetTable target = new TargetTable(USERS, Set.of("id", "name"), List.of("id"));
        ChangeRecord record = record(insert(source, columns, values(t("1"), t("Ada"), t("ada"))));

        assertThatThrownBy(() -> StatementPlanner.plan(record, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column nickname of public.users_src does not exist in target table public.users;"
                        + " create it, or map or exclude it with routing or rules");
    }

    @Test
    void columnMissingOnTheTargetIsRejectedForAnUpdateToo() {
        TargetTable target = new TargetTable(USERS, Set.of("id", "name"), List.of("id"));
        ChangeRecord record = record(update(USERS, USER_COLUMNS, ReplicaIdentity.DEFAULT,
                values(t("1"), t("Ada"), t("math")), null, false));

        assertThatThrownBy(() -> StatementPlanner.plan(record, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column bio of public.users does not exist in target table public.users;"
                        + " create it, or map or exclude it with routing or rules");
    }

    @Test
    void keylessTargetAndNoSourceIdentityIsRejected() {
        TableName log = new TableName("public", "audit_log");
        List<ColumnInfo> columns = List.of(col("at", false), col("message", false));
        TargetTable target = new TargetTable(log, Set.of("at", "message"), List.of());
        ChangeRecord update = record(update(log, columns, ReplicaIdentity.NOTHING, values(t("now"), t("x")), null, false));
        ChangeRecord delete = record(delete(log, columns, ReplicaIdentity.NOTHING, values(t("now"), t("x")), false));

        assertThatThrownBy(() -> StatementPlanner.plan(update, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no key for UPDATE on public.audit_log: the target has no primary key or unique index and"
                        + " the source sent no replica identity; give the source table a primary key or REPLICA IDENTITY FULL");
        assertThatThrownBy(() -> StatementPlanner.plan(delete, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no key for DELETE on public.audit_log: the target has no primary key or unique index and"
                        + " the source sent no replica identity; give the source table a primary key or REPLICA IDENTITY FULL");
    }

    @Test
    void unchangedToastKeyValueIsRejected() {
        TableName docs = new TableName("public", "docs");
        List<ColumnInfo> columns = List.of(col("path", true), col("body", false));
        TargetTable target = new TargetTable(docs, Set.of("path", "body"), List.of("path"));
        ChangeRecord record = record(update(docs, columns, ReplicaIdentity.DEFAULT, values(TOAST, t("text")), null, false));

        assertThatThrownBy(() -> StatementPlanner.plan(record, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the key column path of public.docs is an unchanged TOASTed value; a key must be sent in full");
    }

    // ---------------------------------------------------------------- helpers

    private static SqlStatement single(List<SqlStatement> statements) {
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    private static ColumnInfo col(String name, boolean key) {
        return new ColumnInfo(name, 25, "text", -1, key);
    }

    private static TupleValue t(String text) {
        return new TupleValue.Text(text);
    }

    private static List<TupleValue> values(TupleValue... values) {
        return List.of(values);
    }

    private static RowChange insert(TableName table, List<ColumnInfo> columns, List<TupleValue> newValues) {
        return new RowChange(Operation.INSERT, table, columns, ReplicaIdentity.DEFAULT, newValues, null, false, LSN, TX);
    }

    private static RowChange update(TableName table, List<ColumnInfo> columns, ReplicaIdentity identity,
                                    List<TupleValue> newValues, List<TupleValue> oldValues, boolean oldIsKeyOnly) {
        return new RowChange(Operation.UPDATE, table, columns, identity, newValues, oldValues, oldIsKeyOnly, LSN, TX);
    }

    private static RowChange delete(TableName table, List<ColumnInfo> columns, ReplicaIdentity identity,
                                    List<TupleValue> oldValues, boolean oldIsKeyOnly) {
        return new RowChange(Operation.DELETE, table, columns, identity, null, oldValues, oldIsKeyOnly, LSN, TX);
    }

    private static ChangeRecord record(ChangeEvent event) {
        return new ChangeRecord(new Position(Lsn.parse("0/16B3748"), 4), Instant.parse("2026-03-01T10:15:31Z"), event);
    }
}
