package io.pgflo.camel.component.jetstream;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * NATS JetStream with at-least-once delivery: a pipelined, ordered producer and a batch consumer that
 * acks only after the route succeeded.
 */
@Component("jetstream")
public class JetStreamComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        JetStreamConfiguration configuration = new JetStreamConfiguration();
        configuration.setStream(remaining);
        JetStreamEndpoint endpoint = new JetStreamEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
