package io.pgflo.camel.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading is strict: each case is a file with one mistake, and the message must name the file, the table,
 * the rule's 1-based index and the key, and say what was expected.
 */
class RulesLoaderTest {

    private static final String FIRST_RULE = "    - {type: filter, column: id, parameters: {operator: is_not_null}}\n";

    /** The message of loading a file whose second rule for app.users is {@code rule}. */
    private static String secondRuleError(String rule) {
        return error("tables:\n  app.users:\n" + FIRST_RULE + "    - " + rule + "\n");
    }

    private static String error(String yaml) {
        Throwable thrown = null;
        try {
            RulesLoader.parse(yaml, "rules.yaml", "public");
        } catch (RuleException e) {
            thrown = e;
        }
        assertThat(thrown).as("loading must fail").isNotNull();
        return thrown.getMessage();
    }

    private static final String AT = "rules.yaml: table app.users, rule 2: ";

    @Nested
    class FileShape {

        @Test
        void yamlSyntaxError() {
            assertThat(error("tables:\n  users: [\n"))
                    .startsWith("rules.yaml: not valid YAML at line ")
                    .contains("expected the node content, but found '<stream end>'");
        }

        @Test
        void repeatedKey() {
            assertThat(error("tables:\n  users:\n    - type: filter\n      type: transform\n"))
                    .isEqualTo("rules.yaml: not valid YAML at line 4, column 11: Duplicate field 'type'");
        }

        @Test
        void secondDocument() {
            assertThat(error("tables: {}\n---\ntables: {}\n"))
                    .isEqualTo("rules.yaml: holds more than one YAML document (a second '---' at line 3); expected exactly one");
        }

        @Test
        void binaryValue() {
            assertThat(error("tables: !!binary aGVsbG8=\n"))
                    .startsWith("rules.yaml: not valid YAML at line 1, column ")
                    .endsWith(": unsupported YAML value (VALUE_EMBEDDED_OBJECT); expected a mapping, a list, a string,"
                            + " a number, a boolean or null");
        }

        @Test
        void rootNotAMapping() {
            assertThat(error("- users\n")).isEqualTo("rules.yaml: expected a mapping with the key 'tables', got a list");
        }

        @Test
        void unknownTopLevelKey() {
            assertThat(error("table:\n  users: []\n")).isEqualTo("rules.yaml: table: unknown key; expected tables");
        }

        @Test
        void underIndentedTablesAreAnUnknownTopLevelKey() {
            assertThat(error("tables:\nusers:\n  - {type: exclude_column, column: x}\n"))
                    .isEqualTo("rules.yaml: users: unknown key; expected tables");
        }

        @Test
        void tableWithoutRules() {
            assertThat(error("tables:\n  app.users:\n"))
                    .isEqualTo("rules.yaml: table app.users: expected a list of rules, got null");
        }

        @Test
        void missingTables() {
            assertThat(error("{}\n"))
                    .isEqualTo("rules.yaml: tables: missing; expected a mapping from table name to its list of rules");
        }

        @Test
        void tablesNotAMapping() {
            assertThat(error("tables: [users]\n"))
                    .isEqualTo("rules.yaml: tables: expected a mapping from table name to its list of rules, got a list");
        }

        @Test
        void badTableName() {
            assertThat(error("tables:\n  a.b.c: []\n"))
                    .isEqualTo("rules.yaml: tables: 'a.b.c' has more than one dot; expected table or schema.table");
        }

        @Test
        void tableListedTwice() {
            assertThat(error("tables:\n  users: []\n  public.users: []\n"))
                    .isEqualTo("rules.yaml: table public.users: listed twice (as 'public.users' and once before);"
                            + " expected each table once, with all its rules in one list");
        }

        @Test
        void rulesNotAList() {
            assertThat(error("tables:\n  app.users:\n    type: filter\n"))
                    .isEqualTo("rules.yaml: table app.users: expected a list of rules, got a mapping");
        }

        @Test
        void ruleNotAMapping() {
            assertThat(secondRuleError("mask"))
                    .isEqualTo(AT + "expected a mapping with type, column and parameters, got the string 'mask'");
        }

        @Test
        void unreadableFile(@TempDir Path dir) {
            Path missing = dir.resolve("rules.yaml");

            assertThatThrownBy(() -> RulesLoader.load(missing, "public"))
                    .isInstanceOf(RuleException.class)
                    .hasMessage(missing + ": cannot read the rules file: java.nio.file.NoSuchFileException: " + missing);
        }

        @Test
        void errorsFromAFileNameTheFileAsGiven(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("my-rules.yaml"), "tables:\n  app.users:\n" + FIRST_RULE
                    + "    - {type: filter, column: age, parameters: {operator: like, value: 1}}\n");

            assertThatThrownBy(() -> RulesLoader.load(file, "public"))
                    .hasMessageStartingWith(file + ": table app.users, rule 2: parameters.operator: unknown operator 'like'");
        }
    }

    @Nested
    class RuleKeys {

        @Test
        void unknownKey() {
            assertThat(secondRuleError("{type: filter, colum: age, parameters: {operator: is_null}}"))
                    .isEqualTo(AT + "colum: unknown key; expected one of type, column, parameters, operations, allow_empty_deletes");
        }

        @Test
        void missingType() {
            assertThat(secondRuleError("{column: age, parameters: {operator: is_null}}"))
                    .isEqualTo(AT + "type: missing; expected the rule type, one of transform, filter, exclude_column");
        }

        @Test
        void unknownRuleType() {
            assertThat(secondRuleError("{type: mask, column: age}"))
                    .isEqualTo(AT + "type: unknown rule type 'mask'; expected one of transform, filter, exclude_column");
        }

        @Test
        void typeOfTheWrongType() {
            assertThat(secondRuleError("{type: 3, column: age}"))
                    .isEqualTo(AT + "type: expected the rule type, one of transform, filter, exclude_column, got the number 3");
        }

        @Test
        void missingColumn() {
            assertThat(secondRuleError("{type: filter, parameters: {operator: is_null}}"))
                    .isEqualTo(AT + "column: missing; expected the name of the column the rule is about");
        }

        @Test
        void emptyColumn() {
            assertThat(secondRuleError("{type: filter, column: '', parameters: {operator: is_null}}"))
                    .isEqualTo(AT + "column: is empty; expected the name of the column the rule is about");
        }

        @Test
        void columnWithoutValue() {
            assertThat(error("tables:\n  app.users:\n" + FIRST_RULE + "    - type: exclude_column\n      column:\n"))
                    .isEqualTo(AT + "column: expected the name of the column the rule is about, got null");
        }

        @Test
        void columnNotAString() {
            assertThat(secondRuleError("{type: filter, column: [a], parameters: {operator: is_null}}"))
                    .isEqualTo(AT + "column: expected the name of the column the rule is about, got a list");
        }

        @Test
        void missingParameters() {
            assertThat(secondRuleError("{type: transform, column: email}"))
                    .isEqualTo(AT + "parameters: missing; expected a mapping with the transform's type and its parameters");
        }

        @Test
        void parametersNotAMapping() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: [gte, 18]}"))
                    .isEqualTo(AT + "parameters: expected a mapping with the filter's operator and value, got a list");
        }

        @Test
        void operationsNotAList() {
            assertThat(secondRuleError("{type: exclude_column, column: x, operations: INSERT}"))
                    .isEqualTo(AT + "operations: expected a list of INSERT, UPDATE and DELETE, got the string 'INSERT'");
        }

        @Test
        void unknownOperation() {
            assertThat(secondRuleError("{type: exclude_column, column: x, operations: [INSERT, TRUNCATE]}"))
                    .isEqualTo(AT + "operations: element 2 is the string 'TRUNCATE'; expected one of INSERT, UPDATE,"
                            + " DELETE (rules apply to row changes only)");
        }

        @Test
        void lowerCaseOperation() {
            assertThat(secondRuleError("{type: exclude_column, column: x, operations: [insert]}"))
                    .startsWith(AT + "operations: element 1 is the string 'insert'; expected one of INSERT");
        }

        @Test
        void allowEmptyDeletesNotABoolean() {
            assertThat(secondRuleError("{type: exclude_column, column: x, allow_empty_deletes: 1}"))
                    .isEqualTo(AT + "allow_empty_deletes: expected true or false, got the number 1");
        }

        @Test
        void excludeColumnWithParameters() {
            assertThat(secondRuleError("{type: exclude_column, column: x, parameters: {type: mask}}"))
                    .isEqualTo(AT + "parameters.type: unknown key; expected no keys here");
        }
    }

    @Nested
    class TransformParameters {

        @Test
        void missingTransformType() {
            assertThat(secondRuleError("{type: transform, column: email, parameters: {mask_char: X}}"))
                    .isEqualTo(AT + "parameters.type: missing; expected the transform type, one of regex, mask, hash, set");
        }

        @Test
        void unknownTransformType() {
            assertThat(secondRuleError("{type: transform, column: email, parameters: {type: encrypt}}"))
                    .isEqualTo(AT + "parameters.type: unknown transform type 'encrypt'; expected one of regex, mask, hash, set");
        }

        @Test
        void unknownParameter() {
            assertThat(secondRuleError("{type: transform, column: email, parameters: {type: mask, maskchar: X}}"))
                    .isEqualTo(AT + "parameters.maskchar: unknown key; expected one of type, mask_char");
        }

        @Test
        void maskCharOfTwoCharacters() {
            assertThat(secondRuleError("{type: transform, column: email, parameters: {type: mask, mask_char: '**'}}"))
                    .isEqualTo(AT + "parameters.mask_char: '**' has 2 characters; expected a single character");
        }

        @Test
        void maskCharNotAString() {
            assertThat(secondRuleError("{type: transform, column: email, parameters: {type: mask, mask_char: 0}}"))
                    .isEqualTo(AT + "parameters.mask_char: expected a single character, got the number 0");
        }

        @Test
        void regexWithoutPattern() {
            assertThat(secondRuleError("{type: transform, column: phone, parameters: {type: regex, replace: x}}"))
                    .isEqualTo(AT + "parameters.pattern: missing; expected a Java regular expression");
        }

        @Test
        void regexWithoutReplace() {
            assertThat(secondRuleError("{type: transform, column: phone, parameters: {type: regex, pattern: x}}"))
                    .isEqualTo(AT + "parameters.replace: missing; expected the replacement text, with $1 or ${name}"
                            + " for the pattern's groups");
        }

        @Test
        void regexThatDoesNotCompile() {
            assertThat(secondRuleError("{type: transform, column: phone, parameters: {type: regex, pattern: '(\\d{3}', replace: x}}"))
                    .isEqualTo(AT + "parameters.pattern: '(\\d{3}' does not compile: Unclosed group near index 6;"
                            + " expected a Java regular expression");
        }

        @Test
        void replacementNamingAMissingGroup() {
            assertThat(secondRuleError("{type: transform, column: phone, parameters: {type: regex, pattern: '(a)(b)(c)', replace: '$4'}}"))
                    .isEqualTo(AT + "parameters.replace: '$4' is not a valid replacement for pattern '(a)(b)(c)': No group 4;"
                            + " expected $n for one of the pattern's 3 groups, ${name} for a named group, \\$ for a literal $");
        }

        @Test
        void replacementNamingAMissingNamedGroup() {
            assertThat(secondRuleError("{type: transform, column: phone, parameters: {type: regex, pattern: '(?<a>x)', replace: '${b}'}}"))
                    .startsWith(AT + "parameters.replace: '${b}' is not a valid replacement for pattern '(?<a>x)': No group with name {b}");
        }

        @Test
        void replacementWithGoStyleDollarDollar() {
            assertThat(secondRuleError("{type: transform, column: price, parameters: {type: regex, pattern: x, replace: '$$'}}"))
                    .startsWith(AT + "parameters.replace: '$$' is not a valid replacement for pattern 'x': Illegal group reference");
        }

        @Test
        void hashWithoutKey() {
            assertThat(secondRuleError("{type: transform, column: ssn, parameters: {type: hash}}"))
                    .isEqualTo(AT + "parameters.key: missing; expected the secret key of the HMAC, a non-empty string");
        }

        @Test
        void hashWithEmptyKey() {
            assertThat(secondRuleError("{type: transform, column: ssn, parameters: {type: hash, key: ''}}"))
                    .isEqualTo(AT + "parameters.key: is empty; expected the secret key of the HMAC, a non-empty string");
        }

        @Test
        void setWithoutValue() {
            assertThat(secondRuleError("{type: transform, column: note, parameters: {type: set}}"))
                    .isEqualTo(AT + "parameters.value: missing; expected the constant to write (a string, number or boolean),"
                            + " or null for NULL");
        }

        @Test
        void setWithAList() {
            assertThat(secondRuleError("{type: transform, column: note, parameters: {type: set, value: [a]}}"))
                    .isEqualTo(AT + "parameters.value: expected the constant to write (a string, number or boolean),"
                            + " or null for NULL, got a list");
        }
    }

    @Nested
    class FilterParameters {

        @Test
        void missingOperator() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: {value: 18}}"))
                    .isEqualTo(AT + "parameters.operator: missing; expected the operator, one of eq, ne, gt, lt, gte, lte,"
                            + " contains, in, not_in, is_null, is_not_null, matches");
        }

        @Test
        void unknownOperator() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: {operator: like, value: 18}}"))
                    .isEqualTo(AT + "parameters.operator: unknown operator 'like'; expected one of eq, ne, gt, lt, gte, lte,"
                            + " contains, in, not_in, is_null, is_not_null, matches");
        }

        @Test
        void unknownParameter() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: {operator: gte, values: 18}}"))
                    .isEqualTo(AT + "parameters.values: unknown key; expected one of operator, value");
        }

        @Test
        void missingValue() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: {operator: gte}}"))
                    .isEqualTo(AT + "parameters.value: missing; expected the constant to compare with, a string, number"
                            + " or boolean (use is_null to test for NULL)");
        }

        @Test
        void nullValue() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: {operator: eq, value: null}}"))
                    .isEqualTo(AT + "parameters.value: expected the constant to compare with, a string, number or boolean"
                            + " (use is_null to test for NULL), got null");
        }

        @Test
        void listForAComparison() {
            assertThat(secondRuleError("{type: filter, column: age, parameters: {operator: eq, value: [1, 2]}}"))
                    .endsWith("got a list").startsWith(AT + "parameters.value: expected the constant to compare with");
        }

        @Test
        void containsWithANumber() {
            assertThat(secondRuleError("{type: filter, column: name, parameters: {operator: contains, value: 12}}"))
                    .isEqualTo(AT + "parameters.value: expected the text to look for, a string, got the number 12");
        }

        @Test
        void inWithAScalar() {
            assertThat(secondRuleError("{type: filter, column: status, parameters: {operator: in, value: paid}}"))
                    .isEqualTo(AT + "parameters.value: expected a non-empty list of constants, each a string, number"
                            + " or boolean, got the string 'paid'");
        }

        @Test
        void notInWithAnEmptyList() {
            assertThat(secondRuleError("{type: filter, column: status, parameters: {operator: not_in, value: []}}"))
                    .isEqualTo(AT + "parameters.value: expected a non-empty list of constants, each a string, number"
                            + " or boolean, got an empty list");
        }

        @Test
        void inWithANestedList() {
            assertThat(secondRuleError("{type: filter, column: status, parameters: {operator: in, value: [paid, [x]]}}"))
                    .isEqualTo(AT + "parameters.value: element 2 is a list; expected a string, number or boolean");
        }

        @Test
        void isNullWithAValue() {
            assertThat(secondRuleError("{type: filter, column: deleted_at, parameters: {operator: is_null, value: true}}"))
                    .isEqualTo(AT + "parameters.value: is_null takes no value; remove the key");
        }

        @Test
        void matchesThatDoesNotCompile() {
            assertThat(secondRuleError("{type: filter, column: sku, parameters: {operator: matches, value: '[A-Z'}}"))
                    .isEqualTo(AT + "parameters.value: '[A-Z' does not compile: Unclosed character class near index 3;"
                            + " expected a Java regular expression");
        }

        @Test
        void matchesWithANumber() {
            assertThat(secondRuleError("{type: filter, column: sku, parameters: {operator: matches, value: 5}}"))
                    .isEqualTo(AT + "parameters.value: expected a Java regular expression, got the number 5");
        }
    }

    @Test
    void aValidFileLoadsEveryRuleKind() {
        RuleSet rules = RulesLoader.parse("tables:\n  app.users:\n" + FIRST_RULE
                + "    - {type: transform, column: a, parameters: {type: regex, pattern: x, replace: y}}\n"
                + "    - {type: transform, column: a, parameters: {type: mask}}\n"
                + "    - {type: transform, column: a, parameters: {type: hash, key: k}}\n"
                + "    - {type: transform, column: a, parameters: {type: set, value: 1}}\n"
                + "    - {type: exclude_column, column: b, operations: [INSERT], allow_empty_deletes: true}\n",
                "rules.yaml", "public");

        assertThat(rules.ruleCount(io.pgflo.camel.event.TableName.parse("app.users", "public"))).isEqualTo(6);
    }
}
