package io.pgflo.camel.component.pgwal;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

/** Streams a PostgreSQL logical replication slot (pgoutput) as change-event exchanges. */
@Component("pgwal")
public class PgWalComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PgWalConfiguration configuration = new PgWalConfiguration();
        configuration.setSlot(remaining == null || remaining.isBlank() ? null : remaining);
        // Camel binds prefixed multi-value options only when the component extracts them itself.
        configuration.getJdbcProperties().putAll(PropertiesHelper.extractProperties(parameters, "jdbc."));
        PgWalEndpoint endpoint = new PgWalEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
