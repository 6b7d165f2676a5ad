package io.pgflo.camel.rules;

import static io.pgflo.camel.rules.TestRows.names;
import static io.pgflo.camel.rules.TestRows.row;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.RowChange;
import org.junit.jupiter.api.Test;

class ExcludeColumnTest {

    private static RuleSet exclude(String column) {
        return RulesLoader.parse("tables:\n  app.users:\n    - type: transform\n      column: email\n      parameters: {type: mask}\n"
                + "    - type: exclude_column\n      column: " + column + "\n", "rules.yaml", "public");
    }

    private final TestRows.Table users = TestRows.table("app.users").key("id", "int4").column("email", "text")
            .column("search", "tsvector");

    @Test
    void removesTheColumnFromColumnsAndNewRow() {
        RowChange result = exclude("search").apply(users.insert("1", "ab@c", "'ab':1"));

        assertThat(names(result.columns())).containsExactly("id", "email");
        assertThat(texts(result.newValues())).containsExactly("1", "a**c");
        assertThat(result.oldValues()).isNull();
    }

    @Test
    void removesTheColumnFromAKeyOnlyOldRowToo() {
        RowChange result = exclude("search").apply(users.updateKey(row("1", null, null), "2", "ab@c", "'x':1"));

        assertThat(names(result.columns())).containsExactly("id", "email");
        assertThat(texts(result.newValues())).containsExactly("2", "a**c");
        assertThat(texts(result.oldValues())).containsExactly("1", null);
        assertThat(result.oldIsKeyOnly()).isTrue();
    }

    @Test
    void removesTheColumnFromADelete() {
        RowChange result = exclude("search").apply(users.delete("1", null, null));

        assertThat(names(result.columns())).containsExactly("id", "email");
        assertThat(texts(result.oldValues())).containsExactly("1", null);
        assertThat(result.newValues()).isNull();
    }

    @Test
    void refusesAKeyColumnNamingFileTableRuleAndKey() {
        assertThatThrownBy(() -> exclude("id").apply(users.insert("1", "ab@c", "x")))
                .isInstanceOf(RuleException.class)
                .hasMessage("rules.yaml: table app.users, rule 2: column: 'id' is a key column of app.users;"
                        + " exclude_column cannot remove a key column, because the sink needs it to apply UPDATEs"
                        + " and DELETEs (expected a non-key column)");
    }

    @Test
    void refusesAnyColumnUnderReplicaIdentityFull() {
        TestRows.Table full = TestRows.table("app.users").key("id", "int4").column("email", "text")
                .column("search", "tsvector").full();

        assertThatThrownBy(() -> exclude("search").apply(full.insert("1", "ab@c", "x")))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining("rule 2: column: 'search' is a key column of app.users");
    }

    @Test
    void aColumnTheChangeLacksLeavesItAlone() {
        RowChange change = TestRows.table("app.users").key("id", "int4").insert("1");

        assertThat(exclude("search").apply(change)).isSameAs(change);
    }

    @Test
    void laterRulesSeeTheColumnGone() {
        RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: exclude_column, column: c}\n"
                + "    - {type: filter, column: c, parameters: {operator: is_null}}\n", "rules.yaml", "public");

        assertThat(rules.apply(TestRows.table("t").key("id", "int4").column("c", "text").insert("1", null))).isNull();
    }

    @Test
    void acceptsAnEmptyParametersMapping() {
        RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: exclude_column, column: c, parameters: {}}\n",
                "rules.yaml", "public");

        assertThat(names(rules.apply(TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "x")).columns()))
                .containsExactly("id");
    }

    @Test
    void appliesToAWholeOldImageAsToTheNewRow() {
        RowChange result = exclude("search").apply(users.update(row("1", "abcd@x", "s"), "1", "efgh@y", "t"));

        assertThat(texts(result.oldValues())).containsExactly("1", "a****x");
        assertThat(texts(result.newValues())).containsExactly("1", "e****y");
    }
}
