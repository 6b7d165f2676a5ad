package io.pgflo.camel.rules;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles a regular expression parameter, so a pattern that does not compile fails at load, not mid-stream. */
final class RulePatterns {

    private RulePatterns() {
    }

    static Pattern compile(RuleNode parameters, String key) {
        String text = parameters.requiredString(key, "a Java regular expression");
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw parameters.error(key, "'" + text + "' does not compile: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
                    + "; expected a Java regular expression");
        }
    }
}
