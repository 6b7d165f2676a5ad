package io.pgflo.camel.routing;

/**
 * A routing file that cannot be loaded, or a route that cannot be applied to a change. The message names the
 * file, the table and the key, and says what was expected.
 */
public class RoutingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoutingException(String message) {
        super(message);
    }

    public RoutingException(String message, Throwable cause) {
        super(message, cause);
    }
}
