package io.pgflo.camel.component.sink;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.sink.json.PgFloJson;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Prints each change as one JSON line on standard output, flushed at the end of every batch. */
public class StdoutSinkProducer extends DefaultProducer {

    private final BufferedWriter out = new BufferedWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);

    public StdoutSinkProducer(SinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<?> records = exchange.getIn().getBody(List.class);
        synchronized (out) {
            for (Object record : records) {
                out.write(PgFloJson.toLine((ChangeRecord) record));
                out.write('\n');
            }
            out.flush();
        }
    }
}
