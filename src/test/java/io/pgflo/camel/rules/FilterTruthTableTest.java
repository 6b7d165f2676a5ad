package io.pgflo.camel.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.pgflo.camel.event.RowChange;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter truth table: one row per case, each a column type and value, an operator and a constant as
 * it would be written in the rules file, and whether the change passes. The first block is pg_flo's own
 * table (its rules_test.go), which must hold; the rest covers our types and operators.
 */
class FilterTruthTableTest {

    static Stream<Arguments> pgFloCases() {
        return Stream.of(
                arguments("text", "completed", "eq", "completed", true),
                arguments("text", "pending", "eq", "completed", false),
                arguments("int4", "15", "gt", "10", true),
                arguments("float8", "99.99", "lt", "100.0", true),
                arguments("text", "Premium Widget", "contains", "Premium", true),
                arguments("text", "electronics", "eq", "Electronics", false),
                arguments("int4", "10", "gt", "\"5\"", true),
                arguments("float8", "99.99", "lt", "100", true),
                arguments("text", "john doe", "contains", "John", false),
                arguments("timestamptz", "2024-05-06 07:08:09+00", "gt", "\"2024-05-05T07:08:09Z\"", true),
                arguments("timestamptz", "2024-05-05 07:08:09+00", "lte", "\"2024-05-06T07:08:09Z\"", true),
                arguments("timestamptz", "2024-05-06 02:08:09-05", "eq", "\"2024-05-06T07:08:09Z\"", true),
                // pg_flo named this case "Fail" but expected the change to pass: a text column compares as text.
                arguments("text", "2024-05-06T07:08:09Z", "gt", "\"2024-05-05T07:08:09Z\"", true),
                arguments("bool", "t", "eq", "true", true),
                arguments("bool", "f", "ne", "true", true),
                arguments("text", "true", "eq", "true", false),
                arguments("int4", "0", "ne", "false", false),
                arguments("numeric", "100.00", "gte", "\"99.99\"", true),
                arguments("numeric", "999.99", "lt", "\"1000.00\"", true),
                arguments("text", "999.99", "lt", "1000.00", false),
                arguments("text", "999.99", "lt", "1000", false),
                // pg_flo's test wrote the float 1.2300000001 with %f, so the column held "1.230000".
                arguments("float8", "1.230000", "eq", "1.23", true),
                arguments("numeric", "1.24", "eq", "\"1.24\"", true));
    }

    static Stream<Arguments> numberCases() {
        return Stream.of(
                arguments("numeric", "1.24", "eq", "1.24", true),
                arguments("numeric", "1.240", "eq", "1.24", true),
                arguments("numeric", "0.3", "eq", "0.30", true),
                arguments("float8", "0.30000000000000004", "eq", "0.3", false),
                arguments("int8", "9223372036854775807", "gt", "9223372036854775806", true),
                arguments("int8", "9007199254740993", "eq", "9007199254740992", false),
                arguments("int2", "-5", "lt", "0", true),
                arguments("oid", "16384", "gte", "16384", true),
                arguments("int4", "18", "gte", "18", true),
                arguments("int4", "17", "gte", "18", false),
                arguments("int4", "18", "lte", "18", true),
                arguments("int4", "18", "lt", "18", false),
                arguments("int4", "19", "ne", "18", true),
                arguments("int4", "18", "ne", "18", false),
                arguments("float8", "1e+30", "eq", "1000000000000000000000000000000", true),
                arguments("float4", "-0", "eq", "0", true),
                arguments("numeric", "NaN", "gt", "1e308", true),
                arguments("numeric", "NaN", "eq", "\"NaN\"", true),
                arguments("float8", "Infinity", "gt", "1e308", true),
                arguments("float8", "-Infinity", "lt", "-1e308", true),
                arguments("float8", "Infinity", "eq", ".inf", true),
                arguments("int4", "15", "eq", "fifteen", false),
                // Integers against an integer constant take a short path; these sit on its edges.
                arguments("int4", "99999", "lt", "100000", true),
                arguments("int4", "100000", "lt", "100000", false),
                arguments("int4", "-0", "eq", "0", true),
                arguments("int8", "-999999999999999999", "lt", "-999999999999999998", true),
                arguments("int8", "-9223372036854775808", "lt", "-9223372036854775807", true),
                arguments("numeric", "123456789012345678901", "gt", "123456789012345678900", true),
                arguments("int4", "100000", "gte", "100000.0", true),
                arguments("numeric", "99999.99", "lt", "100000", true),
                arguments("numeric", "100000.01", "lt", "100000", false),
                arguments("int4", "-", "lt", "0", false),
                arguments("int4", "", "lt", "0", false),
                arguments("int4", " 5", "lt", "6", true),
                arguments("numeric", "5", "lt", "5.5", true),
                arguments("int4", "15", "ne", "fifteen", false),
                arguments("numeric", "1", "eq", "true", false));
    }

    static Stream<Arguments> timeCases() {
        return Stream.of(
                arguments("date", "2024-05-06", "eq", "\"2024-05-06\"", true),
                arguments("date", "2024-05-06", "gt", "\"2024-05-05\"", true),
                arguments("date", "2024-05-06", "lt", "\"2024-05-06T00:00:01Z\"", true),
                arguments("date", "2024-05-06", "eq", "\"2024-05-06T02:00:00+02:00\"", true),
                arguments("timestamp", "2024-05-06 07:08:09.5", "gt", "\"2024-05-06 07:08:09\"", true),
                arguments("timestamp", "2024-05-06 07:08:09", "eq", "\"2024-05-06T07:08:09\"", true),
                arguments("timestamp", "2024-05-06 07:08:09", "eq", "\"2024-05-06T09:08:09+02:00\"", true),
                arguments("timestamptz", "2024-05-06 12:38:09.123456+05:30", "eq", "\"2024-05-06T07:08:09.123456Z\"", true),
                arguments("timestamptz", "2024-05-06 07:08:09.123456+00", "gt", "\"2024-05-06T07:08:09.123455Z\"", true),
                arguments("timestamptz", "2024-05-06 07:08:09+00", "eq", "\"2024-05-06 09:08:09+0200\"", true),
                arguments("timestamptz", "1900-01-01 00:00:00+00:53:28", "lt", "\"1900-01-01T00:00:00Z\"", true),
                arguments("timestamptz", "infinity", "gt", "\"2999-01-01T00:00:00Z\"", true),
                arguments("timestamptz", "-infinity", "lt", "\"0001-01-01\"", true),
                arguments("timestamptz", "0044-03-15 12:00:00+00 BC", "lt", "\"0001-01-01T00:00:00Z\"", true),
                arguments("timestamptz", "2024-05-06 07:08:09+00", "gt", "20240101", false),
                arguments("timestamptz", "2024-05-06 07:08:09+00", "gt", "yesterday", false),
                arguments("timestamp", "2024-05-06 07:08:09", "ne", "\"2024-02-30\"", false));
    }

    static Stream<Arguments> boolAndTextCases() {
        return Stream.of(
                arguments("bool", "t", "eq", "\"true\"", true),
                arguments("bool", "f", "eq", "f", true),
                arguments("bool", "f", "eq", "true", false),
                arguments("bool", "t", "gt", "false", false),
                arguments("bool", "t", "eq", "1", false),
                arguments("text", "abc", "lt", "abd", true),
                arguments("text", "B", "lt", "a", true),
                // Code point order: U+FFFD sorts before U+1F600, although its UTF-16 unit is larger.
                arguments("text", "\uFFFD", "lt", "\"\uD83D\uDE00\"", true),
                arguments("varchar", "x", "eq", "x", true),
                arguments("bpchar", "x", "eq", "X", false),
                arguments("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "eq", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", true),
                arguments(null, "abc", "eq", "abc", true),
                arguments("text", "10", "eq", "10", false),
                arguments("text", "yes", "eq", "yes", false),
                arguments("text", "yes", "eq", "\"yes\"", true));
    }

    static Stream<Arguments> newOperatorCases() {
        return Stream.of(
                arguments("int4", "3", "in", "[1, 2, 3]", true),
                arguments("int4", "4", "in", "[1, 2, 3]", false),
                arguments("text", "b", "in", "[a, b]", true),
                arguments("numeric", "1.50", "in", "[\"1.5\"]", true),
                arguments("int4", "4", "not_in", "[1, 2, 3]", true),
                arguments("int4", "3", "not_in", "[1, 2, 3]", false),
                arguments("text", "c", "not_in", "[1, 2]", false),
                arguments("text", "order-123", "matches", "'\\d+'", true),
                arguments("text", "order-123", "matches", "'^\\d+$'", false),
                arguments("int4", "123", "matches", "'^1'", true),
                arguments("int4", "3123", "contains", "\"12\"", true),
                arguments("jsonb", "{\"tags\": [\"vip\"]}", "contains", "'\"vip\"'", true),
                arguments("text", "x", "is_not_null", null, true),
                arguments("text", "x", "is_null", null, false));
    }

    static Stream<Arguments> nullCases() {
        return Stream.of(
                arguments("text", null, "eq", "x", false),
                arguments("text", null, "ne", "x", false),
                arguments("int4", null, "lt", "5", false),
                arguments("int4", null, "gte", "5", false),
                arguments("text", null, "contains", "x", false),
                arguments("text", null, "in", "[x]", false),
                arguments("text", null, "not_in", "[x]", false),
                arguments("text", null, "matches", "x", false),
                arguments("text", null, "is_null", null, true),
                arguments("text", null, "is_not_null", null, false));
    }

    @ParameterizedTest(name = "pg_flo: {0} {1} {2} {3} -> {4}")
    @MethodSource("pgFloCases")
    void pgFloTruthTable(String type, String column, String operator, String value, boolean passes) {
        assertFilter(type, column, operator, value, passes);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @MethodSource("numberCases")
    void numbersCompareAsExactDecimals(String type, String column, String operator, String value, boolean passes) {
        assertFilter(type, column, operator, value, passes);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @MethodSource("timeCases")
    void timesCompareAsInstants(String type, String column, String operator, String value, boolean passes) {
        assertFilter(type, column, operator, value, passes);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @MethodSource("boolAndTextCases")
    void booleansAndText(String type, String column, String operator, String value, boolean passes) {
        assertFilter(type, column, operator, value, passes);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
    @MethodSource("newOperatorCases")
    void operatorsBeyondPgFlo(String type, String column, String operator, String value, boolean passes) {
        assertFilter(type, column, operator, value, passes);
    }

    @ParameterizedTest(name = "NULL {2} {3} -> {4}")
    @MethodSource("nullCases")
    void nullFailsEveryOperatorButIsNull(String type, String column, String operator, String value, boolean passes) {
        assertFilter(type, column, operator, value, passes);
    }

    private static void assertFilter(String type, String column, String operator, String value, boolean passes) {
        String parameters = value == null ? "{operator: " + operator + "}"
                : "{operator: " + operator + ", value: " + value + "}";
        RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - type: filter\n      column: c\n      parameters: "
                + parameters + "\n", "rules.yaml", "public");
        RowChange change = TestRows.table("t").key("id", "int4").column("c", type).insert("1", column);

        RowChange result = rules.apply(change);

        if (passes) {
            assertThat(result).as("passes unchanged").isSameAs(change);
        } else {
            assertThat(result).as("dropped").isNull();
        }
    }
}
