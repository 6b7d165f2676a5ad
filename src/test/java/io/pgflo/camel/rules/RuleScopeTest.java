package io.pgflo.camel.rules;

import static io.pgflo.camel.rules.TestRows.row;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.RowChange;
import org.junit.jupiter.api.Test;

/** The rule-level {@code operations} and {@code allow_empty_deletes}, which pg_flo parsed but ignored. */
class RuleScopeTest {

    private final TestRows.Table users = TestRows.table("users").key("id", "int4").column("email", "text")
            .column("age", "int4");

    private static RuleSet rules(String rule) {
        return RulesLoader.parse("tables:\n  users:\n    - " + rule + "\n", "rules.yaml", "public");
    }

    @Test
    void aRuleLimitedToInsertLeavesAnUpdateUntouched() {
        RuleSet rules = rules("{type: transform, column: email, parameters: {type: mask}, operations: [INSERT]}");
        RowChange update = users.update("1", "ann@example.com", "30");

        assertThat(rules.apply(update)).isSameAs(update);
        assertThat(texts(rules.apply(users.insert("1", "ann@example.com", "30")).newValues()).get(1))
                .isEqualTo("a*************m");
    }

    @Test
    void aFilterLimitedToInsertLetsUpdatesAndDeletesThrough() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}, operations: [INSERT]}");

        assertThat(rules.apply(users.insert("1", "a", "17"))).isNull();
        assertThat(rules.apply(users.update("1", "a", "17"))).isNotNull();
        assertThat(rules.apply(users.delete("1", null, null))).isNotNull();
    }

    @Test
    void aFilterLimitedToUpdateAndDeleteLetsInsertsThrough() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}, operations: [UPDATE, DELETE]}");

        assertThat(rules.apply(users.insert("1", "a", "17"))).isNotNull();
        assertThat(rules.apply(users.update("1", "a", "17"))).isNull();
        assertThat(rules.apply(users.delete("1", null, null))).isNull();
    }

    @Test
    void withoutOperationsARuleAppliesToAllThree() {
        RuleSet rules = rules("{type: transform, column: email, parameters: {type: set, value: x}}");

        assertThat(texts(rules.apply(users.insert("1", "a", "1")).newValues()).get(1)).isEqualTo("x");
        assertThat(texts(rules.apply(users.update("1", "a", "1")).newValues()).get(1)).isEqualTo("x");
        assertThat(texts(rules.apply(users.deleteFull("1", "a", "1")).oldValues()).get(1)).isEqualTo("x");
    }

    @Test
    void anEmptyOperationsListMeansAllThree() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}, operations: []}");

        assertThat(rules.apply(users.insert("1", "a", "17"))).isNull();
        assertThat(rules.apply(users.update("1", "a", "17"))).isNull();
        assertThat(rules.apply(users.deleteFull("1", "a", "17"))).isNull();
    }

    @Test
    void withoutAllowEmptyDeletesAKeyOnlyDeleteFailsAFilterOnAnotherColumn() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}}");

        assertThat(rules.apply(users.delete("1", null, null))).isNull();
    }

    @Test
    void allowEmptyDeletesLetsDeletesPassAFilterUntouched() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}, allow_empty_deletes: true}");
        RowChange delete = users.delete("1", null, null);

        assertThat(rules.apply(delete)).isSameAs(delete);
        assertThat(rules.apply(users.insert("1", "a", "17"))).isNull();
        assertThat(rules.apply(users.update("1", "a", "17"))).isNull();
    }

    @Test
    void allowEmptyDeletesLetsAWholeRowDeleteThroughEvenWhenItWouldFail() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}, allow_empty_deletes: true}");
        RowChange delete = users.deleteFull("1", "a", "17");

        assertThat(rules.apply(delete)).isSameAs(delete);
    }

    @Test
    void allowEmptyDeletesLeavesDeletesUntouchedByATransform() {
        RuleSet rules = rules("{type: transform, column: email, parameters: {type: set, value: x}, allow_empty_deletes: true}");
        RowChange delete = users.deleteFull("1", "a", "17");

        assertThat(rules.apply(delete)).isSameAs(delete);
        assertThat(texts(rules.apply(users.update(row("1", "a", "1"), "1", "b", "1")).oldValues()).get(1)).isEqualTo("x");
    }

    @Test
    void allowEmptyDeletesFalseIsTheDefault() {
        RuleSet rules = rules("{type: filter, column: age, parameters: {operator: gte, value: 18}, allow_empty_deletes: false}");

        assertThat(rules.apply(users.delete("1", null, null))).isNull();
    }
}
