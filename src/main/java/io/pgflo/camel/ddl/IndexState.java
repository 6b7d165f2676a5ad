package io.pgflo.camel.ddl;

import java.util.List;

/**
 * An index of a described table. {@code keys} and {@code include} are the key and INCLUDE columns as
 * {@code pg_get_indexdef} prints them: a quoted-if-needed column name or an expression.
 *
 * @param oid        the source's oid, which identifies the index across renames
 * @param constraint whether a constraint (primary key, unique, exclusion) owns the index; such indexes
 *                   follow their constraint
 * @param predicate  the WHERE of a partial index, or null
 * @param body       the definition from the access method on, for example {@code btree (email DESC) WHERE (x > 0)}:
 *                   keys with their order and operator classes, INCLUDE and WHERE
 * @param definition the source's {@code CREATE INDEX} statement, for information
 * @param valid      false for an index a failed CREATE INDEX CONCURRENTLY left behind
 */
public record IndexState(long oid, String name, boolean unique, boolean primary, boolean constraint, String method,
                         List<String> keys, List<String> include, boolean expressions, String predicate, String body,
                         String definition, boolean valid) {

    public IndexState {
        keys = List.copyOf(keys);
        include = List.copyOf(include);
    }

    public IndexState withKeys(List<String> newKeys, List<String> newInclude, String newBody) {
        return new IndexState(oid, name, unique, primary, constraint, method, newKeys, newInclude, expressions, predicate,
                newBody, definition, valid);
    }
}
