package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Publishes to, or consumes in batches from, a NATS JetStream stream. The producer keeps order and a
 * bounded window of unacknowledged messages; the consumer acks a batch only after the route completed it,
 * redelivers in order after a failure, and dead-letters what keeps failing.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jetstream", title = "NATS JetStream (at least once)",
        syntax = "jetstream:stream", category = {Category.MESSAGING}, headersClass = JetStreamConstants.class)
public class JetStreamEndpoint extends DefaultEndpoint {

    @UriParam
    private JetStreamConfiguration configuration;

    public JetStreamEndpoint(String uri, JetStreamComponent component, JetStreamConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        configuration.validate(false);
        return new JetStreamProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        configuration.validate(true);
        JetStreamBatchConsumer consumer = new JetStreamBatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Opens a connection with this endpoint's servers and credentials. */
    Connection connect(String role) throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder().servers(configuration.getServers().split(","))
                .connectionName("pgflo-" + role + "-" + configuration.getStream())
                .connectionTimeout(Duration.ofMillis(configuration.getConnectTimeout()))
                .maxReconnects(-1)
                .errorListener(new PullStatusListener());
        if (configuration.getUser() != null) {
            options.userInfo(configuration.getUser(), configuration.getPassword() == null ? "" : configuration.getPassword());
        }
        if (configuration.getToken() != null) {
            options.token(configuration.getToken().toCharArray());
        }
        if (configuration.getCredentialsFile() != null) {
            options.authHandler(Nats.credentials(configuration.getCredentialsFile()));
        }
        try {
            return Nats.connect(options.build());
        } catch (IOException e) {
            throw new IOException("cannot connect to NATS at " + configuration.getServers() + ": " + e.getMessage(), e);
        }
    }

    public JetStreamConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(JetStreamConfiguration configuration) {
        this.configuration = configuration;
    }
}
