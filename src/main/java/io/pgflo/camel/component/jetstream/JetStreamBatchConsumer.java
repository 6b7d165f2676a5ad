package io.pgflo.camel.component.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches batches from a durable pull consumer and hands each batch to the route as one exchange with a
 * {@code List<InboundMessage>} body. Acks only after the route succeeded; see {@link BatchOutcome} for
 * what happens otherwise.
 */
public class JetStreamBatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(JetStreamBatchConsumer.class);

    private final JetStreamConfiguration config;
    private Connection connection;
    private JetStreamSubscription subscription;
    private ExecutorService poller;
    private volatile boolean polling;

    public JetStreamBatchConsumer(JetStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.config = endpoint.getConfiguration().copy();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        connection = ((JetStreamEndpoint) getEndpoint()).connect("consumer");
        JetStreamManagement management = connection.jetStreamManagement();
        if (config.isCreateStream()) {
            StreamProvisioner.ensureStream(management, config.getStream(), config.getSubject(), config);
        }
        if (config.getDeadLetterStream() != null) {
            StreamProvisioner.ensureDeadLetterStream(management, config.getDeadLetterStream(), config.getDeadLetterSubject());
        }
        if (config.isCreateConsumer()) {
            StreamProvisioner.ensureConsumer(management, config.getStream(), config.getDurable(), config.getSubject(),
                    config.getBatchSize(), config.getAckWait());
        }
        JetStream jetStream = connection.jetStream();
        subscription = jetStream.subscribe(config.getSubject(),
                PullSubscribeOptions.bind(config.getStream(), config.getDurable()));
        BatchProcessor batches = new BatchProcessor(this, config, new DeadLetters(jetStream, config));
        polling = true;
        poller = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "jetstream-" + config.getDurable());
        poller.submit(() -> poll(batches));
    }

    private void poll(BatchProcessor batches) {
        while (polling && isRunAllowed()) {
            try {
                List<Message> fetched = subscription.fetch(config.getBatchSize(), Duration.ofMillis(config.getMaxWait()));
                List<Message> messages = new ArrayList<>(fetched.size());
                for (Message message : fetched) {
                    if (message.isJetStream()) {
                        messages.add(message);
                    }
                }
                if (!messages.isEmpty()) {
                    batches.process(messages);
                }
            } catch (IllegalStateException e) {
                if (!polling) {
                    return;
                }
                getExceptionHandler().handleException("jetstream: fetching from " + config.getDurable() + " failed", e);
                pause(config.getRedeliveryDelay());
            } catch (RuntimeException e) {
                getExceptionHandler().handleException("jetstream: batch from " + config.getDurable() + " failed", e);
                pause(config.getRedeliveryDelay());
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void doStop() throws Exception {
        // The batch in progress finishes and is acked; no new fetch starts.
        polling = false;
        if (poller != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(poller);
            poller = null;
        }
        if (connection != null) {
            connection.flush(Duration.ofSeconds(5));
            connection.close();
            connection = null;
        }
        LOG.debug("jetstream consumer {} stopped", config.getDurable());
        super.doStop();
    }
}
