package io.pgflo.camel.component.sink;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.sink.file.JsonLinesFileWriter;
import io.pgflo.camel.sink.json.PgFloJson;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each change as a JSON line to {@code pg_flo_log_<UTC time>.jsonl}, rotating by size and age.
 * The batch is on disk (fsync) before the exchange completes, and changes already written (a redelivery
 * after a crash) are skipped by position.
 */
public class FileSinkProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(FileSinkProducer.class);

    private final SinkEndpoint endpoint;
    private JsonLinesFileWriter writer;

    public FileSinkProducer(SinkEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        writer = new JsonLinesFileWriter(Paths.get(endpoint.getDirectory()), endpoint.getMaxFileBytes(),
                Duration.ofMillis(endpoint.getMaxFileAge()), Clock.systemUTC());
        Object last = writer.open();
        LOG.info("File sink writes to {}{}", endpoint.getDirectory(), last == null ? "" : "; resuming after position " + last);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<?> records = exchange.getIn().getBody(List.class);
        List<JsonLinesFileWriter.Line> lines = new ArrayList<>(records.size());
        for (Object item : records) {
            ChangeRecord record = (ChangeRecord) item;
            lines.add(new JsonLinesFileWriter.Line(record.position(), PgFloJson.toLine(record)));
        }
        writer.write(lines);
    }

    @Override
    protected void doStop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        super.doStop();
    }
}
