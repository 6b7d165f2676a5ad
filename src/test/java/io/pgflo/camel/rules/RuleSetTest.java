package io.pgflo.camel.rules;

import static io.pgflo.camel.rules.TestRows.record;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final String DROP_ALL = "{type: filter, column: id, parameters: {operator: is_null}}";

    private static RuleSet rules(String yaml) {
        return RulesLoader.parse(yaml, "rules.yaml", "public");
    }

    @Test
    void truncateAndMessagesPassUnchanged() {
        RuleSet rules = rules("tables:\n  users:\n    - " + DROP_ALL + "\n");
        ChangeRecord truncate = record(TestRows.truncate("users"));
        ChangeRecord message = record(TestRows.message());

        assertThat(rules.apply(truncate)).isSameAs(truncate);
        assertThat(rules.apply(message)).isSameAs(message);
    }

    @Test
    void tablesWithoutRulesPassUnchanged() {
        RuleSet rules = rules("tables:\n  users:\n    - " + DROP_ALL + "\n");
        ChangeRecord other = record(TestRows.table("orders").key("id", "int4").insert("1"));
        ChangeRecord otherSchema = record(TestRows.table("app.users").key("id", "int4").insert("1"));

        assertThat(rules.apply(other)).isSameAs(other);
        assertThat(rules.apply(otherSchema)).isSameAs(otherSchema);
        assertThat(rules.apply(record(TestRows.table("users").key("id", "int4").insert("1")))).isNull();
    }

    @Test
    void anUnqualifiedTableIsInTheDefaultSchema() {
        RuleSet rules = RulesLoader.parse("tables:\n  users:\n    - " + DROP_ALL + "\n", "rules.yaml", "app");

        assertThat(rules.tables()).containsExactly(new TableName("app", "users"));
        assertThat(rules.apply(TestRows.table("app.users").key("id", "int4").insert("1"))).isNull();
    }

    @Test
    void aQualifiedTableNamesItsSchema() {
        RuleSet rules = rules("tables:\n  app.users:\n    - " + DROP_ALL + "\n  '\"odd.name\"':\n    - " + DROP_ALL + "\n");

        assertThat(rules.tables()).containsExactly(new TableName("app", "users"), new TableName("public", "odd.name"));
    }

    @Test
    void rulesApplyInFileOrder() {
        String regex = "{type: transform, column: c, parameters: {type: regex, pattern: '^a', replace: b}}";
        String set = "{type: transform, column: c, parameters: {type: set, value: abc}}";
        RowChange change = TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "xyz");

        assertThat(texts(rules("tables:\n  t:\n    - " + set + "\n    - " + regex + "\n").apply(change).newValues()).get(1))
                .isEqualTo("bbc");
        assertThat(texts(rules("tables:\n  t:\n    - " + regex + "\n    - " + set + "\n").apply(change).newValues()).get(1))
                .isEqualTo("abc");
    }

    @Test
    void aFilterSeesTheValueEarlierRulesWrote() {
        String set = "{type: transform, column: c, parameters: {type: set, value: keep}}";
        String filter = "{type: filter, column: c, parameters: {operator: eq, value: keep}}";
        RowChange change = TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "drop");

        assertThat(rules("tables:\n  t:\n    - " + set + "\n    - " + filter + "\n").apply(change)).isNotNull();
        assertThat(rules("tables:\n  t:\n    - " + filter + "\n    - " + set + "\n").apply(change)).isNull();
    }

    @Test
    void aChangeMustPassEveryFilter() {
        String first = "{type: filter, column: c, parameters: {operator: ne, value: a}}";
        String second = "{type: filter, column: c, parameters: {operator: ne, value: b}}";
        RuleSet rules = rules("tables:\n  t:\n    - " + first + "\n    - " + second + "\n");
        TestRows.Table t = TestRows.table("t").key("id", "int4").column("c", "text");

        assertThat(rules.apply(t.insert("1", "a"))).isNull();
        assertThat(rules.apply(t.insert("1", "b"))).isNull();
        assertThat(rules.apply(t.insert("1", "c"))).isNotNull();
    }

    @Test
    void theRecordKeepsItsPositionAndTimeWithTheNewEvent() {
        RuleSet rules = rules("tables:\n  t:\n    - {type: transform, column: c, parameters: {type: mask}}\n");
        ChangeRecord change = record(TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "abcd"));

        ChangeRecord result = rules.apply(change);

        assertThat(result.position()).isEqualTo(change.position());
        assertThat(result.emittedAt()).isEqualTo(change.emittedAt());
        assertThat(texts(((RowChange) result.event()).newValues())).containsExactly("1", "a**d");
        RowChange row = (RowChange) result.event();
        RowChange original = (RowChange) change.event();
        assertThat(row.lsn()).isEqualTo(original.lsn());
        assertThat(row.transaction()).isEqualTo(original.transaction());
        assertThat(row.replicaIdentity()).isEqualTo(original.replicaIdentity());
    }

    @Test
    void aChangeNoRuleEditsStaysTheSameRecord() {
        RuleSet rules = rules("tables:\n  t:\n    - {type: filter, column: c, parameters: {operator: eq, value: x}}\n");
        ChangeRecord change = record(TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "x"));

        assertThat(rules.apply(change)).isSameAs(change);
    }

    @Test
    void emptyRuleSetsPassEverything() {
        ChangeRecord change = record(TestRows.table("t").key("id", "int4").insert("1"));

        assertThat(RuleSet.EMPTY.apply(change)).isSameAs(change);
        assertThat(rules("# nothing yet\n").isEmpty()).isTrue();
        assertThat(rules("tables: {}\n").isEmpty()).isTrue();
        assertThat(rules("tables:\n#  users:\n#    - {type: exclude_column, column: x}\n").isEmpty()).isTrue();
        assertThat(rules("tables:\n  t: []\n").ruleCount(new TableName("public", "t"))).isZero();
    }

    @Test
    void countsRulesPerTable() {
        RuleSet rules = rules("tables:\n  t:\n    - " + DROP_ALL + "\n    - " + DROP_ALL + "\n");

        assertThat(rules.ruleCount(new TableName("public", "t"))).isEqualTo(2);
        assertThat(rules.ruleCount(new TableName("public", "u"))).isZero();
    }
}
