package io.pgflo.camel.ddl;

import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.naming.PgFloNames;
import java.nio.charset.StandardCharsets;

/**
 * Recognises the logical messages that carry tracked DDL. pgoutput sends every logical message of the
 * database to every slot, so a group's stream also holds other groups' DDL; only the group's own prefix
 * is its DDL.
 */
public final class DdlMessages {

    private DdlMessages() {
    }

    /** A DDL message of any group. */
    public static boolean isDdl(LogicalMessageEvent message) {
        return message.prefix().startsWith(PgFloNames.DDL_PREFIX_BASE);
    }

    public static boolean isForGroup(LogicalMessageEvent message, String group) {
        return message.prefix().equals(PgFloNames.ddlMessagePrefix(group));
    }

    public static DdlDocument document(LogicalMessageEvent message) {
        try {
            return DdlDocumentCodec.parse(message.contentText());
        } catch (DdlDocumentException e) {
            throw new DdlDocumentException("DDL message " + message.prefix() + " at " + message.lsn() + ": " + e.getMessage(), e);
        }
    }

    /** The same message carrying another document, for routing that renames what the DDL touches. */
    public static LogicalMessageEvent withDocument(LogicalMessageEvent message, DdlDocument document) {
        return new LogicalMessageEvent(message.prefix(), DdlDocumentCodec.write(document).getBytes(StandardCharsets.UTF_8),
                message.transactional(), message.lsn(), message.transaction());
    }
}
