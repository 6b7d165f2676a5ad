package io.pgflo.camel.component.pgwal;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Reads committed transactions from a logical replication slot, creating the slot and publication when
 * asked, and confirms each transaction to PostgreSQL only after the route completed every exchange of it.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "pgwal", title = "PostgreSQL WAL", syntax = "pgwal:slot",
        consumerOnly = true, category = {Category.DATABASE}, headersClass = PgWalConstants.class)
public class PgWalEndpoint extends DefaultEndpoint {

    @UriParam
    private PgWalConfiguration configuration;

    public PgWalEndpoint(String uri, PgWalComponent component, PgWalConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        configuration.validate();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("pgwal: only consumes; it cannot be used in to()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        PgWalConsumer consumer = new PgWalConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    private final java.util.concurrent.CompletableFuture<Void> copyOutcome = new java.util.concurrent.CompletableFuture<>();

    /**
     * Completes when a consumer in mode copy has copied every table, or exceptionally when its copy cannot
     * go on; a command that copies and exits waits on it.
     */
    public java.util.concurrent.CompletionStage<Void> copyOutcome() {
        return copyOutcome;
    }

    void copyFinished() {
        copyOutcome.complete(null);
    }

    void copyFailed(Throwable error) {
        copyOutcome.completeExceptionally(error);
    }

    public PgWalConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PgWalConfiguration configuration) {
        this.configuration = configuration;
    }
}
