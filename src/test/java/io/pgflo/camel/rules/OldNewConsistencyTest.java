package io.pgflo.camel.rules;

import static io.pgflo.camel.rules.TestRows.TOAST;
import static io.pgflo.camel.rules.TestRows.row;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.RowChange;
import org.junit.jupiter.api.Test;

/** Rules treat the old row like the new one, and filters test the row the change leaves behind. */
class OldNewConsistencyTest {

    private final TestRows.Table accounts = TestRows.table("accounts").key("id", "int4").column("email", "text")
            .column("plan", "text");

    private static RuleSet rules(String... rules) {
        StringBuilder yaml = new StringBuilder("tables:\n  accounts:\n");
        for (String rule : rules) {
            yaml.append("    - ").append(rule).append('\n');
        }
        return RulesLoader.parse(yaml.toString(), "rules.yaml", "public");
    }

    @Test
    void maskMasksOldAndNewValues() {
        RowChange result = rules("{type: transform, column: email, parameters: {type: mask}}")
                .apply(accounts.update(row("1", "old@example.com", "free"), "1", "new@example.com", "pro"));

        assertThat(texts(result.oldValues())).containsExactly("1", "o*************m", "free");
        assertThat(texts(result.newValues())).containsExactly("1", "n*************m", "pro");
    }

    @Test
    void maskMasksTheOldRowOfAWholeRowDelete() {
        RowChange result = rules("{type: transform, column: email, parameters: {type: mask}}")
                .apply(accounts.deleteFull("1", "old@example.com", "free"));

        assertThat(texts(result.oldValues())).containsExactly("1", "o*************m", "free");
        assertThat(result.newValues()).isNull();
    }

    @Test
    void hashOfAKeyColumnHashesOldAndNewKeyAlike() {
        RuleSet rules = rules("{type: transform, column: id, parameters: {type: hash, key: k}}");
        RowChange insert = rules.apply(accounts.insert("7", "a", "free"));
        RowChange rekey = rules.apply(accounts.updateKey(row("7", null, null), "8", "a", "free"));
        RowChange delete = rules.apply(accounts.delete("8", null, null));

        assertThat(texts(rekey.oldValues()).get(0)).isEqualTo(texts(insert.newValues()).get(0));
        assertThat(texts(delete.oldValues()).get(0)).isEqualTo(texts(rekey.newValues()).get(0));
        assertThat(texts(rekey.newValues()).get(0)).isNotEqualTo(texts(rekey.oldValues()).get(0)).hasSize(64);
        assertThat(rekey.columns().get(0).key()).isTrue();
    }

    @Test
    void placeholdersOfAKeyOnlyOldRowAreNotTouched() {
        RowChange result = rules("{type: transform, column: email, parameters: {type: set, value: x}}")
                .apply(accounts.updateKey(row("1", null, null), "2", "a@b", "free"));

        assertThat(texts(result.oldValues())).containsExactly("1", null, null);
        assertThat(texts(result.newValues())).containsExactly("2", "x", "free");
    }

    @Test
    void setWritesTheConstantIntoAWholeOldRowEvenOverNull() {
        RowChange result = rules("{type: transform, column: email, parameters: {type: set, value: x}}")
                .apply(accounts.update(row("1", null, "free"), "1", "a@b", "free"));

        assertThat(texts(result.oldValues())).containsExactly("1", "x", "free");
    }

    @Test
    void filterTestsTheNewRowOfAnUpdate() {
        RuleSet rules = rules("{type: filter, column: plan, parameters: {operator: eq, value: pro}}");

        assertThat(rules.apply(accounts.update(row("1", "a", "free"), "1", "a", "pro"))).isNotNull();
        assertThat(rules.apply(accounts.update(row("1", "a", "pro"), "1", "a", "free"))).isNull();
    }

    @Test
    void filterTestsTheOldRowOfADelete() {
        RuleSet rules = rules("{type: filter, column: plan, parameters: {operator: eq, value: pro}}");

        assertThat(rules.apply(accounts.deleteFull("1", "a", "pro"))).isNotNull();
        assertThat(rules.apply(accounts.deleteFull("1", "a", "free"))).isNull();
    }

    @Test
    void filterOnTheKeyPassesAKeyOnlyDelete() {
        RuleSet rules = rules("{type: filter, column: id, parameters: {operator: in, value: [1, 2]}}");

        assertThat(rules.apply(accounts.delete("2", null, null))).isNotNull();
        assertThat(rules.apply(accounts.delete("3", null, null))).isNull();
    }

    @Test
    void filterTreatsAKeyOnlyPlaceholderAsUnknownNotNull() {
        RuleSet isNull = rules("{type: filter, column: plan, parameters: {operator: is_null}}");
        RuleSet isNotNull = rules("{type: filter, column: plan, parameters: {operator: is_not_null}}");

        assertThat(isNull.apply(accounts.delete("1", null, null))).isNull();
        assertThat(isNotNull.apply(accounts.delete("1", null, null))).isNull();
    }

    @Test
    void filterOnAnUnchangedToastValueUsesTheOldValueWhenSent() {
        RuleSet rules = rules("{type: filter, column: plan, parameters: {operator: eq, value: pro}}");

        assertThat(rules.apply(accounts.update(row("1", "a", "pro"), "1", "b", TOAST))).isNotNull();
        assertThat(rules.apply(accounts.update(row("1", "a", "free"), "1", "b", TOAST))).isNull();
    }

    @Test
    void filterOnAnUnchangedToastValueWithoutOldValueFailsButIsNotNull() {
        RowChange change = accounts.update("1", "b", TOAST);

        assertThat(rules("{type: filter, column: plan, parameters: {operator: eq, value: pro}}").apply(change)).isNull();
        assertThat(rules("{type: filter, column: plan, parameters: {operator: ne, value: pro}}").apply(change)).isNull();
        assertThat(rules("{type: filter, column: plan, parameters: {operator: is_null}}").apply(change)).isNull();
        assertThat(rules("{type: filter, column: plan, parameters: {operator: is_not_null}}").apply(change)).isSameAs(change);
    }

    @Test
    void filterOnAMissingColumnFailsEvenIsNull() {
        RowChange change = accounts.insert("1", "a", "pro");

        assertThat(rules("{type: filter, column: nope, parameters: {operator: is_null}}").apply(change)).isNull();
        assertThat(rules("{type: filter, column: nope, parameters: {operator: ne, value: x}}").apply(change)).isNull();
    }
}
