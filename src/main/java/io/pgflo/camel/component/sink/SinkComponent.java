package io.pgflo.camel.component.sink;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** pg_flo's sinks as endpoints, so a worker's sink is chosen by its URI: {@code pgflo-sink:stdout}, {@code pgflo-sink:file}. */
@Component("pgflo-sink")
public class SinkComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SinkEndpoint endpoint = new SinkEndpoint(uri, this);
        endpoint.setKind(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
