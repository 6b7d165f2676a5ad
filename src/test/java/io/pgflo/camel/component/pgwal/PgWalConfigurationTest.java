package io.pgflo.camel.component.pgwal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.TableName;
import org.junit.jupiter.api.Test;

class PgWalConfigurationTest {

    private static PgWalConfiguration valid() {
        PgWalConfiguration config = new PgWalConfiguration();
        config.setSlot("s1");
        config.setDatabase("db");
        return config;
    }

    @Test
    void publicationDefaultsToTheSlotName() {
        assertThat(valid().resolvedPublication()).isEqualTo("s1");
    }

    @Test
    void groupGivesPgFloNamesUnlessSlotOrPublicationAreExplicit() {
        PgWalConfiguration config = valid();
        config.setSlot(null);
        config.setGroup("My-Group");
        assertThat(config.resolvedSlot()).isEqualTo("pg_flo_my_group_publication");
        assertThat(config.resolvedPublication()).isEqualTo("pg_flo_my_group_publication");
        config.setSlot("own_slot");
        config.setPublication("own_pub");
        assertThat(config.resolvedSlot()).isEqualTo("own_slot");
        assertThat(config.resolvedPublication()).isEqualTo("own_pub");
    }

    @Test
    void tablesAreQualifiedWithTheSchemaOption() {
        PgWalConfiguration config = valid();
        config.setSchema("app");
        config.setTables(" users, audit.log ,\"Odd.Name\"");
        assertThat(config.tableList()).containsExactly(new TableName("app", "users"), new TableName("audit", "log"),
                new TableName("app", "Odd.Name"));
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        PgWalConfiguration config = new PgWalConfiguration();
        config.setSlot("s");
        config.setPort(0);
        config.setChunkSize(0);
        config.setCopyChunkSize(0);
        config.setCopyChunkBytes(0);
        config.setMaxPendingChunks(0);
        config.setStatusInterval(10);
        config.setTables("a.b.c");
        assertThatThrownBy(config::validate).hasMessageContainingAll("option 'database' is required",
                "option 'port' is 0", "option 'chunkSize' is 0", "option 'copyChunkSize' is 0",
                "option 'copyChunkBytes' is 0", "option 'maxPendingChunks' is 0",
                "option 'statusInterval' is 10 ms", "option 'tables': 'a.b.c' has more than one dot");
    }

    @Test
    void groupWithCharactersThatCannotNameASlotIsRejected() {
        PgWalConfiguration config = valid();
        config.setGroup("a b");
        assertThatThrownBy(config::validate).hasMessageContaining("option 'group': group 'a b' is not valid");
    }

    @Test
    void copyDoesNotShareJdbcProperties() {
        PgWalConfiguration config = valid();
        config.getJdbcProperties().put("ApplicationName", "x");
        PgWalConfiguration copy = config.copy();
        copy.getJdbcProperties().put("sslmode", "require");
        assertThat(config.getJdbcProperties()).containsOnlyKeys("ApplicationName");
    }
}
