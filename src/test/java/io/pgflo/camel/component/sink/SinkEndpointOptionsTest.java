package io.pgflo.camel.component.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SinkEndpointOptionsTest {

    private static SinkEndpoint endpoint(String uri) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addComponent("pgflo-sink", new SinkComponent());
            return context.getEndpoint(uri, SinkEndpoint.class);
        }
    }

    @Test
    void binaryCopyIsOnUnlessTheUriTurnsItOff() throws Exception {
        assertThat(endpoint("pgflo-sink:postgres?database=shop").getPostgres().isBinaryCopy()).isTrue();
        assertThat(endpoint("pgflo-sink:postgres?database=shop&binaryCopy=false").getPostgres().isBinaryCopy()).isFalse();
    }
}
