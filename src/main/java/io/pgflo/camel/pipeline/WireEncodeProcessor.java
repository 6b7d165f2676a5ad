package io.pgflo.camel.pipeline;

import io.pgflo.camel.component.jetstream.OutboundMessage;
import io.pgflo.camel.component.pgwal.PgWalConstants;
import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.wire.WireEncoder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Replicator step: turns a {@code pgwal:} exchange (a chunk of change events) into wire-format messages
 * for the {@code jetstream:} producer, each with its de-duplication id.
 */
public class WireEncodeProcessor implements Processor {

    private int maxMessageBytes = 900 * 1024;
    private Clock clock = Clock.systemUTC();
    private WireEncoder encoder;

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        Object body = in.getBody();
        List<ChangeEvent> events = new ArrayList<>();
        if (body instanceof List<?> list) {
            list.forEach(e -> events.add((ChangeEvent) e));
        } else if (body instanceof ChangeEvent event) {
            events.add(event);
        } else {
            throw new IllegalArgumentException("expected a pgwal: body (List<ChangeEvent> or ChangeEvent), got "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        long firstSeq = in.getHeader(PgWalConstants.FIRST_SEQ, 0L, Long.class);
        boolean last = in.getHeader(PgWalConstants.LAST_CHUNK, true, Boolean.class);
        String endLsn = in.getHeader(PgWalConstants.END_LSN, String.class);
        List<OutboundMessage> messages = new ArrayList<>();
        for (WireEncoder.Encoded encoded : encoder().encode(events, firstSeq, last,
                endLsn == null ? null : Lsn.parse(endLsn), clock.instant())) {
            messages.add(new OutboundMessage(encoded.messageId(), encoded.bytes()));
        }
        in.setBody(messages);
    }

    private synchronized WireEncoder encoder() {
        if (encoder == null) {
            encoder = new WireEncoder(maxMessageBytes);
        }
        return encoder;
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    /** Largest message to publish; keep it under the NATS server's max_payload (1 MB by default). */
    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.encoder = null;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }
}
