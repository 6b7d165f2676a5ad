package io.pgflo.camel.ddl;

import io.pgflo.camel.event.TableName;

/**
 * One tracked DDL command, as the source's event trigger wrote it: what ran, and the table it touched
 * described before and after. The target reconciles its own catalog to {@code after}, guided by the
 * difference between {@code before} and {@code after}.
 *
 * @param command      the command tag, for example {@code ALTER TABLE} or {@code CREATE INDEX}
 * @param objectType   the object the command reported, for example {@code table}, {@code table column}, {@code index}
 * @param object       that object's identity, for example {@code app.users.profile}
 * @param concurrently whether the statement built or dropped an index CONCURRENTLY
 * @param statement    the statement text, for information only: it is never run on the target
 * @param before       the table's previous description, or null when the source had none (the first
 *                     command on the table since tracking began)
 * @param after        the table as the command left it
 * @param unmappable   why routing could not map this command to the target, or null
 */
public record DdlDocument(String command, String objectType, String object, boolean concurrently, String statement,
                          TableState before, TableState after, String unmappable) {

    public static final int VERSION = 1;

    public DdlDocument {
        if (after == null) {
            throw new IllegalArgumentException("a DDL document needs the table's description after the command");
        }
    }

    /** The table the command touched, under its name after the command. */
    public TableName table() {
        return after.name();
    }

    public DdlDocument unmappable(String reason) {
        return new DdlDocument(command, objectType, object, concurrently, statement, before, after, reason);
    }

    public DdlDocument withStates(TableState newBefore, TableState newAfter) {
        return new DdlDocument(command, objectType, object, concurrently, statement, newBefore, newAfter, unmappable);
    }
}
