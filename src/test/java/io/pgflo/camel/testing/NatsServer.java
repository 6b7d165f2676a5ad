package io.pgflo.camel.testing;

/** A NATS server with JetStream enabled. */
public record NatsServer(String url, String origin) {

    @Override
    public String toString() {
        return "NATS " + url + " (" + origin + ")";
    }
}
