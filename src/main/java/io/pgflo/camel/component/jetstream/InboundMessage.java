package io.pgflo.camel.component.jetstream;

import java.util.Map;

/**
 * One JetStream message as the batch consumer hands it to the route.
 *
 * @param streamSequence the message's sequence in its stream
 * @param deliveries     how often it has been delivered, this time included
 */
public record InboundMessage(String subject, long streamSequence, long deliveries, Map<String, String> headers,
                             byte[] data) { }
