package io.pgflo.camel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: Camel, JDBC, NATS and logging stay at the edges. */
class DomainIsolationTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pgflo.camel");
    }

    @Test
    void domainPackagesDoNotUseCamelJdbcOrNats() {
        noClasses().that().resideInAnyPackage("..pgoutput..", "..event..", "..naming..", "..sql..", "..wire..",
                        "..camel.sink..", "..schemadump..", "..copytext..",
                        "..rules..", "..routing..", "..camel.ddl..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "org.postgresql..", "java.sql..",
                        "io.nats..")
                .check(classes);
    }

    @Test
    void initialCopyIsPlainJavaAndJdbc() {
        noClasses().that().resideInAPackage("..snapshot..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "io.nats..",
                        "io.pgflo.camel.component..")
                .check(classes);
    }

    @Test
    void decoderNeitherLogsNorTouchesOtherProjectPackages() {
        noClasses().that().resideInAPackage("..pgoutput..")
                .should().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "java.util.logging..",
                        "io.pgflo.camel.event..", "io.pgflo.camel.component..")
                .check(classes);
    }

    @Test
    void onlyTheReplicationPackageUsesPgjdbcReplication() {
        noClasses().that().resideOutsideOfPackage("..component.pgwal.replication..")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql.replication..")
                .check(classes);
    }
}
