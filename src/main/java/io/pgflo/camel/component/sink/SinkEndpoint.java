package io.pgflo.camel.component.sink;

import io.pgflo.camel.component.sink.webhook.WebhookOptions;
import io.pgflo.camel.component.sink.webhook.WebhookSinkProducer;
import io.pgflo.camel.sink.file.JsonLinesFileWriter;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Writes a batch of change records ({@code List<ChangeRecord>}) in pg_flo's JSON shape
 * (docs/json-format.md). The exchange completes only when the batch is durable.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "pgflo-sink", title = "pg_flo sink", syntax = "pgflo-sink:kind",
        producerOnly = true, category = {Category.FILE})
public class SinkEndpoint extends DefaultEndpoint {

    @UriPath(description = "Which sink.", enums = "stdout,file,postgres,webhook")
    @Metadata(required = true)
    private String kind;

    @UriParam(description = "Directory of the file sink's JSON-lines files.")
    private String directory;

    @UriParam(description = "Size at which the file sink starts a new file.", defaultValue = "104857600")
    private long maxFileBytes = JsonLinesFileWriter.DEFAULT_MAX_FILE_BYTES;

    @UriParam(description = "Age at which the file sink starts a new file.", defaultValue = "1h", javaType = "java.time.Duration")
    private long maxFileAge = JsonLinesFileWriter.DEFAULT_MAX_FILE_AGE.toMillis();

    @UriParam
    private WebhookOptions webhook = new WebhookOptions();

    @UriParam
    private io.pgflo.camel.component.sink.postgres.PostgresSinkOptions postgres =
            new io.pgflo.camel.component.sink.postgres.PostgresSinkOptions();

    public SinkEndpoint(String uri, SinkComponent component) {
        super(uri, component);
    }

    @Override
    public Producer createProducer() {
        return switch (kind == null ? "" : kind) {
            case "stdout" -> new StdoutSinkProducer(this);
            case "file" -> {
                if (directory == null || directory.isBlank()) {
                    throw new IllegalArgumentException("pgflo-sink:file needs option 'directory' (pg_flo's --file-output-dir)");
                }
                yield new FileSinkProducer(this);
            }
            case "postgres" -> new io.pgflo.camel.component.sink.postgres.PostgresSinkProducer(this, postgres);
            case "webhook" -> new WebhookSinkProducer(this, webhook);
            default -> throw new IllegalArgumentException("pgflo-sink:" + kind + " is not a sink; expected stdout, file,"
                    + " postgres or webhook");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("pgflo-sink: is a sink; it cannot be consumed from");
    }

    public io.pgflo.camel.component.sink.postgres.PostgresSinkOptions getPostgres() { return postgres; }
    public void setPostgres(io.pgflo.camel.component.sink.postgres.PostgresSinkOptions postgres) { this.postgres = postgres; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getDirectory() { return directory; }
    public void setDirectory(String directory) { this.directory = directory; }
    public long getMaxFileBytes() { return maxFileBytes; }
    public void setMaxFileBytes(long maxFileBytes) { this.maxFileBytes = maxFileBytes; }
    public long getMaxFileAge() { return maxFileAge; }
    public void setMaxFileAge(long maxFileAge) { this.maxFileAge = maxFileAge; }
    public WebhookOptions getWebhook() { return webhook; }
    public void setWebhook(WebhookOptions webhook) { this.webhook = webhook; }
}
