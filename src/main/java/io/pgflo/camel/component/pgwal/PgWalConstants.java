package io.pgflo.camel.component.pgwal;

import org.apache.camel.spi.Metadata;

/** Headers a {@code pgwal:} consumer sets on each exchange. */
public final class PgWalConstants {

    @Metadata(description = "Transaction id (xid) of the source transaction.", javaType = "long")
    public static final String XID = "CamelPgWalXid";

    @Metadata(description = "LSN of the transaction's commit record, as X/Y.", javaType = "String")
    public static final String COMMIT_LSN = "CamelPgWalCommitLsn";

    @Metadata(description = "Commit time of the source transaction.", javaType = "java.time.Instant")
    public static final String COMMIT_TIME = "CamelPgWalCommitTime";

    @Metadata(description = "LSN of the first change in the exchange, as X/Y.", javaType = "String")
    public static final String LSN = "CamelPgWalLsn";

    @Metadata(description = "On the transaction's last exchange, the end LSN confirmed to the server once"
            + " every exchange of the transaction completed; absent on other exchanges.", javaType = "String")
    public static final String END_LSN = "CamelPgWalEndLsn";

    @Metadata(description = "Position of this exchange among its transaction's exchanges, from 0.", javaType = "int")
    public static final String CHUNK_INDEX = "CamelPgWalChunkIndex";

    @Metadata(description = "Whether this is the transaction's last exchange.", javaType = "boolean")
    public static final String LAST_CHUNK = "CamelPgWalLastChunk";

    @Metadata(description = "Number of change events in the exchange.", javaType = "int")
    public static final String EVENT_COUNT = "CamelPgWalEventCount";

    @Metadata(description = "Ordinal in its transaction of the exchange's first change; with the commit LSN it"
            + " gives each change a position that is the same on every replay.", javaType = "long")
    public static final String FIRST_SEQ = "CamelPgWalFirstSeq";

    @Metadata(description = "Replication session: it changes each time the consumer reconnects and replays, so a"
            + " producer can tell a replay from exchanges of the failed session still in flight.", javaType = "long")
    public static final String SESSION = "CamelPgWalSession";

    @Metadata(description = "Name of the slot the change was read from.", javaType = "String")
    public static final String SLOT = "CamelPgWalSlot";

    private PgWalConstants() {
    }

    @Metadata(description = "True on exchanges of rows copied from a snapshot (modes copy and copy-and-stream).",
            javaType = "Boolean")
    public static final String SNAPSHOT = "CamelPgWalSnapshot";
    @Metadata(description = "On copied rows, the table they were copied from, as schema.table.", javaType = "String")
    public static final String TABLE = "CamelPgWalTable";
}
