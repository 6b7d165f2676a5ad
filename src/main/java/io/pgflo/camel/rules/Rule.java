package io.pgflo.camel.rules;

/** One rule of a table, applied to a row change of that table. */
interface Rule {

    /**
     * Applies the rule to the row, editing it in place.
     *
     * @return false when the change must be dropped (a filter it does not pass), else true
     * @throws RuleException when the rule cannot be applied to this change, for example exclude_column on a key
     */
    boolean apply(RowDraft row);
}
