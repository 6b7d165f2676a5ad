package io.pgflo.camel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the {@code parameters} of a {@code transform} rule into its {@link ValueTransform}. */
final class TransformParser {

    static final List<String> TYPES = List.of("regex", "mask", "hash", "set");

    private TransformParser() {
    }

    static ValueTransform parse(RuleNode parameters) {
        String type = parameters.requiredString("type", "the transform type, one of " + String.join(", ", TYPES));
        switch (type) {
            case "regex":
                return regex(parameters);
            case "mask":
                return mask(parameters);
            case "hash":
                return hash(parameters);
            case "set":
                return set(parameters);
            default:
                throw parameters.error("type", "unknown transform type '" + type + "'; expected one of "
                        + String.join(", ", TYPES));
        }
    }

    private static ValueTransform regex(RuleNode parameters) {
        parameters.allowOnly(List.of("type", "pattern", "replace"));
        Pattern pattern = RulePatterns.compile(parameters, "pattern");
        String replace = parameters.requiredString("replace",
                "the replacement text, with $1 or ${name} for the pattern's groups");
        String problem = RegexTransform.replacementProblem(pattern, replace);
        if (problem != null) {
            throw parameters.error("replace", "'" + replace + "' is not a valid replacement for pattern '"
                    + pattern.pattern() + "': " + problem + "; expected $n for one of the pattern's "
                    + pattern.matcher("").groupCount() + " groups, ${name} for a named group, \\$ for a literal $");
        }
        return new RegexTransform(pattern, replace);
    }

    private static ValueTransform mask(RuleNode parameters) {
        parameters.allowOnly(List.of("type", "mask_char"));
        String maskChar = parameters.optionalString("mask_char", "*", "a single character");
        int length = maskChar.codePointCount(0, maskChar.length());
        if (length != 1) {
            throw parameters.error("mask_char", "'" + maskChar + "' has " + length
                    + " characters; expected a single character");
        }
        return new MaskTransform(maskChar.codePointAt(0));
    }

    private static ValueTransform hash(RuleNode parameters) {
        parameters.allowOnly(List.of("type", "key"));
        String key = parameters.requiredNonEmptyString("key", "the secret key of the HMAC, a non-empty string");
        return new HashTransform(key);
    }

    private static ValueTransform set(RuleNode parameters) {
        parameters.allowOnly(List.of("type", "value"));
        String expected = "the constant to write (a string, number or boolean), or null for NULL";
        if (!parameters.has("value")) {
            throw parameters.error("value", "missing; expected " + expected);
        }
        JsonNode value = parameters.get("value");
        if (value.isNull()) {
            return new SetTransform(null, null);
        }
        if (value.isBoolean()) {
            return new SetTransform(null, value.booleanValue());
        }
        if (value.isTextual()) {
            return new SetTransform(value.textValue(), null);
        }
        if (value.isNumber() && !value.isDouble()) {
            return new SetTransform(value.decimalValue().toPlainString(), null);
        }
        throw parameters.error("value", "expected " + expected + ", got " + StrictYaml.describe(value));
    }
}
