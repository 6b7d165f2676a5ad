package io.pgflo.camel.pipeline;

import io.pgflo.camel.component.jetstream.InboundMessage;
import io.pgflo.camel.component.jetstream.PoisonMessageException;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.wire.WireDecoder;
import io.pgflo.camel.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Worker step: decodes a batch of JetStream messages into change records. A message that is not valid
 * wire format is reported as poison, so the consumer dead-letters it and goes on with the rest.
 */
public class WireDecodeProcessor implements Processor {

    private final WireDecoder decoder = new WireDecoder();

    @Override
    public void process(Exchange exchange) {
        List<?> messages = exchange.getIn().getBody(List.class);
        List<ChangeRecord> records = new ArrayList<>();
        for (Object item : messages) {
            InboundMessage message = (InboundMessage) item;
            try {
                records.addAll(decoder.decode(message.data()).changes());
            } catch (WireFormatException | IllegalArgumentException e) {
                throw new PoisonMessageException(message.streamSequence(), "message " + message.streamSequence()
                        + " on " + message.subject() + " is not valid wire format: " + e.getMessage(), e);
            }
        }
        exchange.getIn().setBody(records);
    }
}
