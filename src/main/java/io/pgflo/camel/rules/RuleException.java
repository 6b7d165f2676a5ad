package io.pgflo.camel.rules;

/**
 * A rules file that cannot be loaded, or a rule that cannot be applied to a change. The message names the
 * file, the table, the rule's index and the key, and says what was expected.
 */
public class RuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuleException(String message) {
        super(message);
    }

    public RuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
