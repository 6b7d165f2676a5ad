package io.pgflo.camel.rules;

import static io.pgflo.camel.rules.TestRows.TOAST;
import static io.pgflo.camel.rules.TestRows.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.RowChange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformTest {

    /** Applies one transform rule on column {@code c} of a table {@code t} with the given column type. */
    private static String transformed(String parameters, String type, String value) {
        RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - type: transform\n      column: c\n      parameters: "
                + parameters + "\n", "rules.yaml", "public");
        RowChange result = rules.apply(TestRows.table("t").key("id", "int4").column("c", type).insert("1", value));
        return texts(result.newValues()).get(1);
    }

    @Nested
    class Mask {

        @Test
        void keepsFirstAndLastCharacterOfAnEmail() {
            assertThat(transformed("{type: mask, mask_char: \"*\"}", "text", "john.doe@example.com"))
                    .isEqualTo("j******************m").hasSize(20);
        }

        @Test
        void sixteenCharacterEmailGivesTheIssueExample() {
            assertThat(transformed("{type: mask}", "text", "john@example.com")).isEqualTo("j**************m");
        }

        @Test
        void usesTheMaskCharacter() {
            assertThat(transformed("{type: mask, mask_char: X}", "varchar", "12345678909")).isEqualTo("1XXXXXXXXX9");
        }

        @Test
        void defaultMaskCharacterIsAsterisk() {
            assertThat(transformed("{type: mask}", "text", "secret")).isEqualTo("s****t");
        }

        @ParameterizedTest
        @CsvSource({"12", "a", "''", "ab"})
        void leavesValuesOfTwoCharactersOrFewer(String value) {
            assertThat(transformed("{type: mask}", "text", value)).isEqualTo(value);
        }

        @Test
        void countsCodePointsNotBytes() {
            // "zoë😀x": 5 code points, 6 UTF-16 units, 9 UTF-8 bytes.
            assertThat(transformed("{type: mask, mask_char: \"•\"}", "text", "zoë\uD83D\uDE00x")).isEqualTo("z•••x");
            assertThat(transformed("{type: mask}", "text", "\uD83D\uDE00ab\uD83D\uDE01")).isEqualTo("\uD83D\uDE00**\uD83D\uDE01");
        }

        @Test
        void leavesThreeCodePointsWithSurrogatesMaskedByOne() {
            assertThat(transformed("{type: mask}", "text", "é\uD83D\uDE00é")).isEqualTo("é*é");
        }

        @ParameterizedTest
        @CsvSource({"bpchar", "name", "citext", "extensions.citext", "unknown"})
        void masksTextLikeTypes(String type) {
            assertThat(transformed("{type: mask}", type, "abcd")).isEqualTo("a**d");
        }

        @Test
        void masksAColumnOfUnknownType() {
            assertThat(transformed("{type: mask}", null, "abcd")).isEqualTo("a**d");
        }

        @ParameterizedTest
        @CsvSource({"int4, 123456", "numeric, 1234.56", "date, 2024-05-06", "uuid, a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                "jsonb, '{\"a\": 1}'", "_text, '{a,b,c}'"})
        void leavesOtherTypesAlone(String type, String value) {
            assertThat(transformed("{type: mask}", type, value)).isEqualTo(value);
        }
    }

    @Nested
    class Regex {

        @Test
        void formatsAPhoneNumberWithGroups() {
            assertThat(transformed("{type: regex, pattern: '(\\d{3})(\\d{3})(\\d{4})', replace: '($1) $2-$3'}",
                    "text", "1234567890")).isEqualTo("(123) 456-7890");
        }

        @Test
        void replacesEveryMatch() {
            assertThat(transformed("{type: regex, pattern: '\\d', replace: '#'}", "text", "a1b22")).isEqualTo("a#b##");
        }

        @Test
        void rewritesAnEmailDomain() {
            assertThat(transformed("{type: regex, pattern: '@example\\.com$', replace: '@masked.com'}",
                    "varchar", "user@example.com")).isEqualTo("user@masked.com");
        }

        @Test
        void leavesAValueWithoutMatchUnchanged() {
            assertThat(transformed("{type: regex, pattern: '@example\\.com$', replace: '@masked.com'}",
                    "text", "user@otherdomain.com")).isEqualTo("user@otherdomain.com");
        }

        @Test
        void supportsNamedGroupsAndEscapedDollar() {
            assertThat(transformed("{type: regex, pattern: '(?<amount>\\d+)', replace: '\\$${amount}'}",
                    "text", "cost 12")).isEqualTo("cost $12");
        }

        @Test
        void acceptsAPatternInCommentsModeWithATrailingComment() {
            assertThat(transformed("{type: regex, pattern: '(?x) (\\d+) # the digits', replace: '<$1>'}", "text", "a12"))
                    .isEqualTo("a<12>");
        }

        @Test
        void leavesNonTextColumnsAlone() {
            // pg_flo's "Non-String Input" case: a float column is not rewritten.
            assertThat(transformed("{type: regex, pattern: '^\\d+\\.\\d{2}$', replace: 'x'}", "float8", "99.99"))
                    .isEqualTo("99.99");
        }
    }

    @Nested
    class Hash {

        @Test
        void isHmacSha256InLowerCaseHex() {
            // RFC 4231-style known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
            assertThat(transformed("{type: hash, key: key}", "text", "The quick brown fox jumps over the lazy dog"))
                    .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        }

        @Test
        void hashesTheUtf8Text() {
            assertThat(transformed("{type: hash, key: pepper}", "text", "zoë"))
                    .isEqualTo("c8ea0683da076408e6461caa44b796f591b4362c06b8fcb16c52aa76673ddb0f");
        }

        @Test
        void dependsOnTheKey() {
            assertThat(transformed("{type: hash, key: pepper}", "text", "alice@example.com"))
                    .isEqualTo("e58e539ebd6f4e2a37050801303069d65dc973c7612a192cfbded0cde10e4c26")
                    .isNotEqualTo(transformed("{type: hash, key: salt}", "text", "alice@example.com"));
        }

        @Test
        void hashesOtherTypesAndDescribesTheColumnAsText() {
            RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: transform, column: c, parameters: {type: hash, key: pepper}}\n",
                    "rules.yaml", "public");
            RowChange result = rules.apply(TestRows.table("t").key("id", "int4").column("c", "int8").insert("1", "42"));

            assertThat(texts(result.newValues()).get(1))
                    .isEqualTo("05072a49e7c724c2ac3638d3a54eb8848d39fb952094ee45037176152e15d416");
            assertThat(result.columns().get(1)).isEqualTo(new ColumnInfo("c", 25, "text", -1, false));
        }

        @Test
        void keepsTextColumnTypes() {
            RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: transform, column: c, parameters: {type: hash, key: k}}\n",
                    "rules.yaml", "public");
            RowChange change = TestRows.table("t").key("id", "int4").column("c", "varchar").insert("1", "x");

            assertThat(rules.apply(change).columns()).isEqualTo(change.columns());
        }

        @Test
        void leavesNullAndUnchangedToastAlone() {
            RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: transform, column: c, parameters: {type: hash, key: k}}\n",
                    "rules.yaml", "public");
            TestRows.Table t = TestRows.table("t").key("id", "int4").column("c", "text");

            assertThat(texts(rules.apply(t.insert("1", null)).newValues())).containsExactly("1", null);
            assertThat(texts(rules.apply(t.update("1", TOAST)).newValues())).containsExactly("1", "<toast>");
        }
    }

    @Nested
    class Set {

        @Test
        void writesAConstant() {
            assertThat(transformed("{type: set, value: redacted}", "text", "secret")).isEqualTo("redacted");
        }

        @Test
        void writesNull() {
            assertThat(transformed("{type: set, value: null}", "text", "secret")).isNull();
            assertThat(transformed("{type: set, value: ~}", "int4", "7")).isNull();
        }

        @Test
        void writesANumberAsWritten() {
            assertThat(transformed("{type: set, value: 0}", "int4", "7")).isEqualTo("0");
            assertThat(transformed("{type: set, value: 1.50}", "numeric", "7")).isEqualTo("1.50");
        }

        @Test
        void writesBooleansInTheColumnsForm() {
            assertThat(transformed("{type: set, value: false}", "bool", "t")).isEqualTo("f");
            assertThat(transformed("{type: set, value: true}", "text", "x")).isEqualTo("true");
        }

        @Test
        void replacesAnUnchangedToastValue() {
            RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: transform, column: c, parameters: {type: set, value: gone}}\n",
                    "rules.yaml", "public");
            RowChange result = rules.apply(TestRows.table("t").key("id", "int4").column("c", "text").update("1", TOAST));

            assertThat(texts(result.newValues())).containsExactly("1", "gone");
        }
    }

    @Test
    void transformOfAColumnTheChangeLacksLeavesItUnchanged() {
        RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: transform, column: missing, parameters: {type: mask}}\n",
                "rules.yaml", "public");
        RowChange change = TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "abcd");

        assertThat(rules.apply(change)).isSameAs(change);
    }

    @Test
    void transformThatChangesNothingReturnsTheSameChange() {
        RuleSet rules = RulesLoader.parse("tables:\n  t:\n    - {type: transform, column: c, parameters: {type: mask}}\n",
                "rules.yaml", "public");
        RowChange change = TestRows.table("t").key("id", "int4").column("c", "text").insert("1", "ab");

        assertThat(rules.apply(change)).isSameAs(change);
    }
}
