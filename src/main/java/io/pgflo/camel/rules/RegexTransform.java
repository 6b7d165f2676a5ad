package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code transform/regex}: replaces every match of a Java regular expression in a text-like column, with
 * {@code $1} or {@code ${name}} for groups in the replacement. Other types are left alone, so a number or a
 * date never becomes text its column rejects.
 */
final class RegexTransform implements ValueTransform {

    private final ColumnKind.Memo kinds = new ColumnKind.Memo();

    private final Pattern pattern;
    private final String replacement;

    RegexTransform(Pattern pattern, String replacement) {
        this.pattern = pattern;
        this.replacement = replacement;
    }

    @Override
    public TupleValue apply(ColumnInfo column, TupleValue value) {
        if (!(value instanceof TupleValue.Text text) || !kinds.isTextLike(column.typeName())) {
            return value;
        }
        String replaced = pattern.matcher(text.value()).replaceAll(replacement);
        return replaced.equals(text.value()) ? value : new TupleValue.Text(replaced);
    }

    /**
     * Checks the replacement against the pattern's groups, so that {@code $4} with three groups, a group name
     * that does not exist, or {@code $$} (Go's literal dollar; Java writes {@code \$}) fails at load instead of
     * on the first matching change.
     *
     * @return what is wrong, or null when the replacement is valid
     */
    static String replacementProblem(Pattern pattern, String replacement) {
        Pattern alwaysMatches;
        try {
            // Same groups, but matches the empty string, so Java's own replacement parser can be run on it.
            alwaysMatches = Pattern.compile("(?:" + pattern.pattern() + ")?", pattern.flags());
        } catch (PatternSyntaxException e) {
            return null; // a trailing comment in COMMENTS mode swallows the wrapper; Java reports at apply time
        }
        Matcher matcher = alwaysMatches.matcher("");
        if (!matcher.find()) {
            return null;
        }
        try {
            matcher.appendReplacement(new StringBuilder(), replacement);
            return null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return e.getMessage();
        }
    }
}
