package io.pgflo.camel.ddl;

/**
 * One statement that brings the target's catalog closer to the source's description.
 *
 * @param outsideTransaction true for CREATE/DROP INDEX CONCURRENTLY, which PostgreSQL refuses inside a transaction
 * @param what               what the step does, for logs and error messages, for example {@code add column app.users.email}
 */
public record DdlStep(String sql, boolean outsideTransaction, String what) {
}
