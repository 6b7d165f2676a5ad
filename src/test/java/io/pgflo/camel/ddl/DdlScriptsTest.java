package io.pgflo.camel.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DdlScriptsTest {

    @Test
    void captureScriptSplitsIntoStatementsWithTheDescriptionInlined() {
        List<String> statements = DdlScripts.captureStatements();
        assertThat(statements.get(0)).endsWith("CREATE SCHEMA IF NOT EXISTS pgflo");
        assertThat(statements).noneMatch(s -> s.contains("{{")).noneMatch(String::isBlank);
        assertThat(statements).anyMatch(s -> s.contains("FUNCTION pgflo.ddl_describe") && s.contains("WHERE c.oid = rel"));
        assertThat(statements).filteredOn(s -> s.startsWith("CREATE EVENT TRIGGER")).hasSize(2);
    }

    @Test
    void describeQueryTakesTheOidAsItsOneParameter() {
        String query = DdlScripts.describeQuery();
        assertThat(query).contains("WHERE c.oid = ?::oid").doesNotContain("{{");
        assertThat(query.chars().filter(c -> c == '?').count()).isEqualTo(1);
    }
}
