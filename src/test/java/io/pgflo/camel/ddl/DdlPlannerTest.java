package io.pgflo.camel.ddl;

import static io.pgflo.camel.ddl.DdlFixtures.USERS;
import static io.pgflo.camel.ddl.DdlFixtures.alter;
import static io.pgflo.camel.ddl.DdlFixtures.column;
import static io.pgflo.camel.ddl.DdlFixtures.index;
import static io.pgflo.camel.ddl.DdlFixtures.table;
import static io.pgflo.camel.ddl.DdlFixtures.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DdlPlannerTest {

    private static final ColumnState ID = column(1, "id", "integer", true, null);

    private static List<String> sql(DdlDocument document, TableState... target) {
        Map<TableName, TableState> tables = new java.util.HashMap<>();
        for (TableState t : target) {
            tables.put(t.name(), t);
        }
        List<String> result = new ArrayList<>();
        for (DdlStep step : DdlPlanner.plan(document, name -> Optional.ofNullable(tables.get(name)))) {
            result.add((step.outsideTransaction() ? "[outside] " : "") + step.sql());
        }
        return result;
    }

    @Test
    void addsAColumnWithItsDefault() {
        TableState before = users(ID);
        TableState after = users(ID, column(2, "status", "character varying(50)", false, "'active'::character varying"));
        assertThat(sql(alter(before, after), before)).containsExactly(
                "ALTER TABLE \"app\".\"users\" ADD COLUMN IF NOT EXISTS \"status\" character varying(50)"
                        + " DEFAULT 'active'::character varying");
    }

    @Test
    void sameDocumentAgainPlansNothing() {
        TableState before = users(ID);
        TableState after = users(ID, column(2, "email", "text"));
        assertThat(sql(alter(before, after), after)).isEmpty();
    }

    @Test
    void aRenameIsTheSameAttnumUnderAnotherName() {
        TableState before = users(ID, column(2, "data", "text"));
        TableState after = users(ID, column(2, "profile", "text"));
        assertThat(sql(alter(before, after), before)).containsExactly(
                "ALTER TABLE \"app\".\"users\" RENAME COLUMN \"data\" TO \"profile\"");
        assertThat(sql(alter(before, after), after)).isEmpty();
    }

    @Test
    void dropsAColumnTheCommandDropped() {
        TableState before = users(ID, column(2, "category", "text"));
        TableState after = users(ID);
        assertThat(sql(alter(before, after), before)).containsExactly(
                "ALTER TABLE \"app\".\"users\" DROP COLUMN IF EXISTS \"category\"");
    }

    @Test
    void changesTypeDefaultAndNotNullOnlyWhereTheCommandChangedThem() {
        TableState before = users(ID, column(2, "status", "character varying(50)", false, "'active'::character varying"),
                column(3, "note", "text", false, "'x'::text"));
        TableState after = users(ID, column(2, "status", "character varying(100)", true, "'pending'::character varying"),
                column(3, "note", "text", false, "'x'::text"));
        // The target's own default for note differs, but this command did not touch note.
        TableState target = users(ID, column(2, "status", "character varying(50)", false, "'active'::character varying"),
                column(3, "note", "text", false, null));
        assertThat(sql(alter(before, after), target)).containsExactly(
                "ALTER TABLE \"app\".\"users\" ALTER COLUMN \"status\" TYPE character varying(100)"
                        + " USING \"status\"::character varying(100)",
                "ALTER TABLE \"app\".\"users\" ALTER COLUMN \"status\" SET DEFAULT 'pending'::character varying",
                "ALTER TABLE \"app\".\"users\" ALTER COLUMN \"status\" SET NOT NULL");
    }

    @Test
    void indexBuiltConcurrentlyRunsOutsideTheTransaction() {
        TableState before = users(ID, column(2, "email", "text"));
        TableState after = table(USERS, before.columns(), List.of(before.indexes().get(0), index(7, "users_email_idx", "btree (email)")),
                before.constraints());
        DdlDocument document = new DdlDocument("CREATE INDEX", "index", "app.users_email_idx", true, "CREATE INDEX CONCURRENTLY ...",
                before, after, null);
        assertThat(sql(document, before)).containsExactly(
                "[outside] CREATE INDEX CONCURRENTLY IF NOT EXISTS \"users_email_idx\" ON \"app\".\"users\" USING btree (email)");
        assertThat(sql(document, after)).isEmpty();
    }

    @Test
    void anInvalidIndexLeftByACrashIsBuiltAgain() {
        TableState before = users(ID, column(2, "email", "text"));
        IndexState built = index(7, "users_email_idx", "btree (email)");
        TableState after = table(USERS, before.columns(), List.of(before.indexes().get(0), built), before.constraints());
        IndexState invalid = new IndexState(99, built.name(), false, false, false, "btree", built.keys(), List.of(), false, null,
                built.body(), null, false);
        TableState target = table(USERS, before.columns(), List.of(before.indexes().get(0), invalid), before.constraints());
        DdlDocument document = new DdlDocument("CREATE INDEX", "index", "app.users_email_idx", true, "", before, after, null);
        assertThat(sql(document, target)).containsExactly(
                "[outside] DROP INDEX CONCURRENTLY IF EXISTS \"app\".\"users_email_idx\"",
                "[outside] CREATE INDEX CONCURRENTLY IF NOT EXISTS \"users_email_idx\" ON \"app\".\"users\" USING btree (email)");
    }

    @Test
    void partialUniqueIndexKeepsItsPredicate() {
        TableState before = users(ID, column(2, "category", "text"));
        IndexState partial = new IndexState(8, "posts_category_uniq", true, false, false, "btree", List.of("category"), List.of(),
                false, "(category IS NOT NULL)", "btree (category) WHERE (category IS NOT NULL)", null, true);
        TableState after = table(USERS, before.columns(), List.of(before.indexes().get(0), partial), before.constraints());
        DdlDocument document = new DdlDocument("CREATE INDEX", "index", "app.posts_category_uniq", false, "", before, after, null);
        assertThat(sql(document, before)).containsExactly("CREATE UNIQUE INDEX IF NOT EXISTS \"posts_category_uniq\""
                + " ON \"app\".\"users\" USING btree (category) WHERE (category IS NOT NULL)");
    }

    @Test
    void dropsAnIndexButKeepsOneRebuiltUnderANewOid() {
        IndexState old = index(7, "users_email_idx", "btree (email)");
        IndexState other = index(8, "users_note_idx", "btree (note)");
        List<ColumnState> columns = List.of(ID, column(2, "email", "text"), column(3, "note", "text"));
        TableState before = table(USERS, columns, List.of(old, other), List.of());
        TableState after = table(USERS, columns, List.of(index(9, "users_note_idx", "btree (note)")), List.of());
        DdlDocument document = new DdlDocument("DROP INDEX", "index", "app.users_email_idx", false, "", before, after, null);
        assertThat(sql(document, before)).containsExactly("DROP INDEX IF EXISTS \"app\".\"users_email_idx\"");
        assertThat(sql(document, after)).isEmpty();
    }

    @Test
    void renamesTheTargetTableWhenTheSourceRenamedIt() {
        TableState before = users(ID);
        TableState after = table(new TableName("app", "people"), before.columns(), before.indexes(), before.constraints());
        assertThat(sql(alter(before, after), before)).containsExactly("ALTER TABLE \"app\".\"users\" RENAME TO \"people\"");
        assertThat(sql(alter(before, after), after)).isEmpty();
    }

    @Test
    void addsAndDropsConstraints() {
        TableState before = table(USERS, List.of(ID, column(2, "email", "text")), List.of(),
                List.of(new ConstraintState("email_check", "c", "CHECK ((email <> ''::text))", List.of("email"))));
        TableState after = table(USERS, before.columns(), List.of(),
                List.of(new ConstraintState("email_key", "u", "UNIQUE (email)", List.of("email"))));
        assertThat(sql(alter(before, after), before)).containsExactly(
                "ALTER TABLE \"app\".\"users\" DROP CONSTRAINT IF EXISTS \"email_check\"",
                "ALTER TABLE \"app\".\"users\" ADD CONSTRAINT \"email_key\" UNIQUE (email)");
    }

    @Test
    void withoutAPreviousDescriptionAddsWhatIsMissingAndDropsNothing() {
        TableState after = users(ID, column(2, "email", "text"));
        TableState target = users(ID, column(5, "target_only", "text"));
        DdlDocument document = alter(null, after);
        assertThat(sql(document, target)).containsExactly("ALTER TABLE \"app\".\"users\" ADD COLUMN IF NOT EXISTS \"email\" text");
    }

    @Test
    void aMissingTargetTableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> sql(alter(users(ID), users(ID, column(2, "email", "text")))))
                .isInstanceOf(DdlTargetMissingException.class)
                .hasMessage("target table app.users does not exist, so DDL ALTER TABLE app.users cannot be applied; create the table"
                        + " (or use --target-sync-schema), or route the source table to an existing one");
    }

    @Test
    void anUnmappableDocumentIsAnErrorWithItsReason() {
        DdlDocument document = alter(users(ID), users(ID)).unmappable("index x uses a renamed column");
        assertThatThrownBy(() -> sql(document, users(ID))).isInstanceOf(DdlMappingException.class)
                .hasMessage("DDL ALTER TABLE app.users cannot be applied to the target: index x uses a renamed column");
    }

    @Test
    void movingATableToAnotherSchemaIsRefusedWithTheFix() {
        TableState before = users(ID);
        TableState after = table(new TableName("archive", "users"), before.columns(), before.indexes(), before.constraints());
        assertThatThrownBy(() -> sql(alter(before, after), before)).isInstanceOf(DdlMappingException.class)
                .hasMessageContaining("moves table app.users to schema archive; moving tables between schemas is not replicated");
    }
}
