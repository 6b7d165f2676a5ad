package io.pgflo.camel.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TableNameTest {

    @ParameterizedTest(name = "[{0}] -> {1}.{2}")
    @CsvSource(delimiter = '|', value = {
        "orders|public|orders",
        "sales.orders|sales|orders",
        "'  sales.orders  '|sales|orders",
        "\"a.b\"|public|a.b",
        "\"my schema\".\"My.Table\"|my schema|My.Table",
        "s.\"t\"|s|t",
        "\"say \"\"hi\"\"\"|public|say \"hi\"",
        "MixedCase.Orders|MixedCase|Orders",
    })
    void parsesQualifiedUnqualifiedAndQuotedNames(String text, String schema, String table) {
        assertThat(TableName.parse(text, "public")).isEqualTo(new TableName(schema, table));
    }

    @Test
    void unqualifiedNameTakesDefaultSchema() {
        assertThat(TableName.parse("orders", "inventory")).isEqualTo(new TableName("inventory", "orders"));
    }

    @ParameterizedTest(name = "rejects [{0}]")
    @ValueSource(strings = {".orders", "sales.", "."})
    void rejectsEmptyPart(String text) {
        assertThatThrownBy(() -> TableName.parse(text, "public"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a table name; expected table or schema.table");
    }

    @ParameterizedTest(name = "rejects [{0}]")
    @ValueSource(strings = {"", "   "})
    void rejectsBlank(String text) {
        assertThatThrownBy(() -> TableName.parse(text, "public"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty table name; expected table or schema.table");
    }

    @Test
    void rejectsMoreThanOneUnquotedDot() {
        assertThatThrownBy(() -> TableName.parse("db.sales.orders", "public"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'db.sales.orders' has more than one dot; expected table or schema.table");
    }

    @Test
    void toStringIsSchemaDotTable() {
        assertThat(new TableName("sales", "orders")).hasToString("sales.orders");
    }

    @Test
    void partsAreRequired() {
        assertThatThrownBy(() -> new TableName(null, "t")).isInstanceOf(NullPointerException.class).hasMessage("schema");
        assertThatThrownBy(() -> new TableName("s", null)).isInstanceOf(NullPointerException.class).hasMessage("table");
    }
}
