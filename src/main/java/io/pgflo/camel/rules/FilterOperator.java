package io.pgflo.camel.rules;

import java.util.ArrayList;
import java.util.List;

/** A filter's {@code operator}, as written in the rules file. */
enum FilterOperator {
    EQ("eq"),
    NE("ne"),
    GT("gt"),
    LT("lt"),
    GTE("gte"),
    LTE("lte"),
    CONTAINS("contains"),
    IN("in"),
    NOT_IN("not_in"),
    IS_NULL("is_null"),
    IS_NOT_NULL("is_not_null"),
    MATCHES("matches");

    private final String token;

    FilterOperator(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** @return the operator, or null when the text names none */
    static FilterOperator of(String token) {
        for (FilterOperator operator : values()) {
            if (operator.token.equals(token)) {
                return operator;
            }
        }
        return null;
    }

    static List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (FilterOperator operator : values()) {
            tokens.add(operator.token);
        }
        return tokens;
    }

    /** Whether this is one of pg_flo's six comparisons. */
    boolean isComparison() {
        return ordinal() <= LTE.ordinal();
    }

    /** Whether the comparison needs an order, which booleans do not have. */
    boolean needsOrder() {
        return this == GT || this == LT || this == GTE || this == LTE;
    }

    /** For a comparison: whether a comparison result (negative, zero, positive) satisfies it. */
    boolean accepts(int comparison) {
        switch (this) {
            case EQ: return comparison == 0;
            case NE: return comparison != 0;
            case GT: return comparison > 0;
            case LT: return comparison < 0;
            case GTE: return comparison >= 0;
            case LTE: return comparison <= 0;
            default: throw new IllegalStateException(token + " is not a comparison");
        }
    }
}
