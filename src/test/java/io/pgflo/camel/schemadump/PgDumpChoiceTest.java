package io.pgflo.camel.schemadump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgDumpChoiceTest {

    private static final List<Path> SEARCHED = List.of(Path.of("/usr/bin/pg_dump"));

    @Test
    void candidatesArePathFirstThenVersionFoldersWithoutDuplicates() {
        List<Path> candidates = PgDumpChoice.candidates("/usr/local/bin:/usr/bin::/usr/lib/postgresql/16/bin",
                List.of(Path.of("/usr/lib/postgresql/15"), Path.of("/usr/lib/postgresql/16")));
        assertThat(candidates).containsExactly(Path.of("/usr/local/bin/pg_dump"), Path.of("/usr/bin/pg_dump"),
                Path.of("/usr/lib/postgresql/16/bin/pg_dump"), Path.of("/usr/lib/postgresql/15/bin/pg_dump"));
    }

    @Test
    void noPathVariable() {
        assertThat(PgDumpChoice.candidates(null, List.of(Path.of("/usr/lib/postgresql/17"))))
                .containsExactly(Path.of("/usr/lib/postgresql/17/bin/pg_dump"));
    }

    @Test
    void majorVersionFromVersionOutput() {
        assertThat(PgDumpChoice.major("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n")).isEqualTo(15);
        assertThat(PgDumpChoice.major("pg_dump (PostgreSQL) 17.2")).isEqualTo(17);
        assertThat(PgDumpChoice.major("pg_dump (PostgreSQL) 18beta1")).isEqualTo(18);
        assertThatThrownBy(() -> PgDumpChoice.major("something else")).isInstanceOf(SchemaDumpException.class)
                .hasMessageContaining("'something else'").hasMessageContaining("expected 'pg_dump (PostgreSQL) N.M'");
    }

    @Test
    void newestIsChosen() {
        PgDumpBinary v15 = new PgDumpBinary(Path.of("/usr/bin/pg_dump"), 15);
        PgDumpBinary v17 = new PgDumpBinary(Path.of("/usr/lib/postgresql/17/bin/pg_dump"), 17);
        PgDumpBinary v16 = new PgDumpBinary(Path.of("/usr/lib/postgresql/16/bin/pg_dump"), 16);
        assertThat(PgDumpChoice.choose(List.of(v15, v17, v16), 15, SEARCHED)).isEqualTo(v17);
    }

    @Test
    void amongEqualVersionsTheFirstFoundWins() {
        PgDumpBinary onPath = new PgDumpBinary(Path.of("/usr/bin/pg_dump"), 16);
        PgDumpBinary versioned = new PgDumpBinary(Path.of("/usr/lib/postgresql/16/bin/pg_dump"), 16);
        assertThat(PgDumpChoice.choose(List.of(onPath, versioned), 16, SEARCHED)).isSameAs(onPath);
    }

    @Test
    void sameMajorAsTheSourceIsEnough() {
        PgDumpBinary v15 = new PgDumpBinary(Path.of("/usr/bin/pg_dump"), 15);
        assertThat(PgDumpChoice.choose(List.of(v15), 15, SEARCHED)).isEqualTo(v15);
    }

    @Test
    void olderThanTheSourceFailsClearly() {
        PgDumpBinary v15 = new PgDumpBinary(Path.of("/usr/bin/pg_dump"), 15);
        assertThatThrownBy(() -> PgDumpChoice.choose(List.of(v15), 16, SEARCHED)).isInstanceOf(SchemaDumpException.class)
                .hasMessage("the source server is PostgreSQL 16 but the newest pg_dump found is /usr/bin/pg_dump (PostgreSQL 15),"
                        + " which cannot dump a newer server; install the PostgreSQL client 16 or later"
                        + " (apt-get install postgresql-client-16)");
    }

    @Test
    void noneFoundNamesWhereItLooked() {
        assertThatThrownBy(() -> PgDumpChoice.choose(List.of(), 15, SEARCHED)).isInstanceOf(SchemaDumpException.class)
                .hasMessageContaining("needs pg_dump, and none was found in [/usr/bin/pg_dump]");
    }
}
