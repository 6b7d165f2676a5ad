package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.testing.PgServer;
import io.pgflo.camel.testing.TestDatabase;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh database and slot name per test, and a Camel context that is stopped and dropped after it. */
abstract class PgWalTestSupport {

    protected TestDatabase db;
    protected String slot;
    protected CamelContext context;

    @BeforeEach
    void createDatabase(org.junit.jupiter.api.TestInfo info) {
        db = TestServers.postgres().createDatabase(info.getTestMethod().map(m -> m.getName()).orElse("pgwal"));
        slot = TestNames.unique("slot");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    protected String uri(String options) {
        PgServer pg = db.server();
        return "pgwal:" + slot + "?host=" + pg.host() + "&port=" + pg.port() + "&database=" + db.name()
                + "&user=" + pg.user() + (pg.password() == null ? "" : "&password=RAW(" + pg.password() + ")")
                + (options.isEmpty() ? "" : "&" + options);
    }

    protected CamelContext startRoute(String uri, Processor processor) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("pgwal-test").process(processor);
            }
        });
        context.start();
        return context;
    }
}
