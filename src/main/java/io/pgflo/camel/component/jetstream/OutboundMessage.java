package io.pgflo.camel.component.jetstream;

/** One message for the {@code jetstream:} producer; {@code messageId} becomes {@code Nats-Msg-Id} when not null. */
public record OutboundMessage(String messageId, byte[] data) { }
