package io.pgflo.camel.rules;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.regex.Pattern;

/**
 * {@code matches}: a Java regular expression searched in the value's exact text form. It passes when the
 * pattern matches anywhere in the value, like PostgreSQL's {@code ~} operator and Go's
 * {@code MatchString}; anchor it with {@code ^...$} to require the whole value to match.
 */
final class MatchesCondition implements Condition {

    private final Pattern pattern;

    MatchesCondition(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean test(ColumnInfo column, TupleValue value) {
        return value instanceof TupleValue.Text text && pattern.matcher(text.value()).find();
    }
}
