package io.pgflo.camel.wire;

/** Field names of the wire format, shared by the encoder and the decoder; see docs/wire-format.md. */
final class WireFields {

    /** Changes as JSON. */
    static final int VERSION = 1;
    /** A run of INSERTs of one table whose rows follow the JSON header as COPY text: what the initial copy sends. */
    static final int COPY_TEXT_VERSION = 2;

    static final String V = "v";
    static final String XID = "xid";
    static final String COMMIT_LSN = "commit_lsn";
    static final String COMMIT_TIME = "commit_time";
    static final String ORIGIN = "origin";
    static final String END_LSN = "end_lsn";
    static final String FIRST_SEQ = "first_seq";
    static final String LAST = "last";
    static final String EMITTED_AT = "emitted_at";
    static final String RELATIONS = "relations";
    static final String CHANGES = "changes";
    static final String ROWS = "rows";

    static final String SCHEMA = "schema";
    static final String TABLE = "table";
    static final String IDENTITY = "identity";
    static final String COLUMNS = "columns";
    static final String NAME = "name";
    static final String TYPE = "type";
    static final String OID = "oid";
    static final String TYPMOD = "typmod";
    static final String KEY = "key";

    static final String OP = "op";
    static final String LSN = "lsn";
    static final String REL = "rel";
    static final String NEW = "new";
    static final String OLD = "old";
    static final String OLD_KEY_ONLY = "old_key_only";
    static final String TABLES = "tables";
    static final String CASCADE = "cascade";
    static final String RESTART_IDENTITY = "restart_identity";
    static final String PREFIX = "prefix";
    static final String CONTENT = "content";
    static final String TRANSACTIONAL = "transactional";
    static final String UNCHANGED_TOAST = "unchanged_toast";

    private WireFields() {
    }
}
