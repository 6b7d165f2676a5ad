package io.pgflo.camel.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetBasedStatementTest {

    private static final SqlStatement.ByKey UPDATE = new SqlStatement.ByKey(false, "\"app\".\"Order Lines\"",
            List.of("\"Qty\"", "\"note\""), List.of("\"pg_catalog\".\"int4\"", "\"pg_catalog\".\"text\""),
            List.of("\"order id\"", "\"line\""), List.of("\"pg_catalog\".\"int8\"", "\"pg_catalog\".\"bpchar\""));
    private static final SqlStatement.ByKey DELETE = new SqlStatement.ByKey(true, "\"public\".\"t\"", List.of(), List.of(),
            List.of("\"id\""), List.of("\"public\".\"MyId\""));

    private static SqlStatement statement(SqlStatement.ByKey shape, String... parameters) {
        return new SqlStatement("single-row form", Arrays.asList(parameters), null, null, null, shape);
    }

    private static List<SqlStatement> updates(int count) {
        List<SqlStatement> run = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            run.add(statement(UPDATE, String.valueOf(i), "n" + i, String.valueOf(100 + i), "a"));
        }
        return run;
    }

    @Test
    void updateJoinsTheTargetWithTheArraysCastToTheColumnTypesAndReturnsWhichRowsItFound() {
        SetBasedStatement set = SetBasedStatement.of(updates(3));

        assertThat(set.sql()).isEqualTo("UPDATE \"app\".\"Order Lines\" AS pgflo_t SET \"Qty\" = pgflo_v.c1::\"pg_catalog\".\"int4\","
                + " \"note\" = pgflo_v.c2::\"pg_catalog\".\"text\" FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS pgflo_v(c1, c2, k1, k2, ord) WHERE pgflo_t.\"order id\" = pgflo_v.k1::\"pg_catalog\".\"int8\""
                + " AND pgflo_t.\"line\" = pgflo_v.k2::\"pg_catalog\".\"bpchar\" RETURNING pgflo_v.ord");
        assertThat(set.arrays()).containsExactly("{\"0\",\"1\",\"2\"}", "{\"n0\",\"n1\",\"n2\"}", "{\"100\",\"101\",\"102\"}",
                "{\"a\",\"a\",\"a\"}");
        assertThat(set.returnsOrdinals()).isTrue();
    }

    @Test
    void deleteJoinsTheTargetWithTheKeys() {
        SetBasedStatement set = SetBasedStatement.of(List.of(statement(DELETE, "7"), statement(DELETE, "9")));

        assertThat(set.sql()).isEqualTo("DELETE FROM \"public\".\"t\" AS pgflo_t USING unnest(?::text[]) AS pgflo_v(k1)"
                + " WHERE pgflo_t.\"id\" = pgflo_v.k1::\"public\".\"MyId\"");
        assertThat(set.arrays()).containsExactly("{\"7\",\"9\"}");
        assertThat(set.returnsOrdinals()).isFalse();
    }

    @Test
    void valuesKeepTheirTextExactlyInsideTheArray() {
        SetBasedStatement set = SetBasedStatement.of(List.of(
                statement(UPDATE, "1", "quote\" and back\\slash", "1", "a"),
                statement(UPDATE, null, "NULL", "2", "a"),
                statement(UPDATE, "", "{,}\n\t ", "3", "a")));

        assertThat(set.arrays().get(0)).isEqualTo("{\"1\",NULL,\"\"}");
        assertThat(set.arrays().get(1)).isEqualTo("{\"quote\\\" and back\\\\slash\",\"NULL\",\"{,}\n\t \"}");
    }

    @Test
    void anUpdateRunThatTouchesAKeyTwiceNeedsItsOrderAndIsNotSetBased() {
        List<SqlStatement> run = updates(3);
        run.add(statement(UPDATE, "5", "again", "101", "a"));

        assertThat(SetBasedStatement.of(run)).isNull();
    }

    @Test
    void theSameFirstKeyColumnWithAnotherSecondIsADifferentKey() {
        List<SqlStatement> run = updates(3);
        run.add(statement(UPDATE, "5", "other line", "101", "b"));

        assertThat(SetBasedStatement.of(run)).isNotNull();
    }

    @Test
    void aDeleteRunMayRepeatAKey() {
        assertThat(SetBasedStatement.of(List.of(statement(DELETE, "7"), statement(DELETE, "7")))).isNotNull();
    }

    @Test
    void refusesAStatementThatDoesNotFindItsRowByKey() {
        SqlStatement insert = new SqlStatement("INSERT INTO t VALUES (?)", List.of("1"), null, null);

        assertThatThrownBy(() -> SetBasedStatement.of(List.of(insert)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INSERT INTO t");
    }
}
