package io.pgflo.camel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestServersTest {

    @Test
    void parsesLibpqStyleUrl() {
        PgServer pg = TestServers.parsePgUrl("postgresql://alice:pw@db.local:6543/admin");
        assertThat(pg).extracting(PgServer::host, PgServer::port, PgServer::user, PgServer::password, PgServer::adminDatabase)
                .containsExactly("db.local", 6543, "alice", "pw", "admin");
    }

    @Test
    void parsesJdbcUrlWithCredentialsInQuery() {
        PgServer pg = TestServers.parsePgUrl("jdbc:postgresql://127.0.0.1/postgres?user=bob&password=x");
        assertThat(pg).extracting(PgServer::host, PgServer::port, PgServer::user, PgServer::password)
                .containsExactly("127.0.0.1", 5432, "bob", "x");
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> TestServers.parsePgUrl("mysql://h/db")).hasMessageContaining("must start with postgresql://");
    }
}
