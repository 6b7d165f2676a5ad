package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.TableName;
import io.pgflo.camel.naming.PgFloNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of a {@code pgwal:} endpoint. */
@UriParams
public class PgWalConfiguration implements Cloneable {

    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    @UriPath(description = "Name of the logical replication slot. It may be left empty when group is set;"
            + " the slot is then pg_flo's pg_flo_<group>_publication.")
    private String slot;

    @UriParam(description = "Host name of the PostgreSQL server.", defaultValue = "localhost")
    private String host = "localhost";

    @UriParam(description = "Port of the PostgreSQL server.", defaultValue = "5432")
    private int port = 5432;

    @UriParam(description = "Database to replicate.")
    @Metadata(required = true)
    private String database;

    @UriParam(label = "security", description = "User name; it needs the REPLICATION attribute, and ownership of the"
            + " tables when the publication is created.", defaultValue = "postgres", secret = true)
    private String user = "postgres";

    @UriParam(label = "security", description = "Password of the user.", secret = true)
    private String password;

    @UriParam(description = "pg_flo group name. When set, the slot and publication default to pg_flo's names"
            + " (pg_flo_<group>_publication), so an existing pg_flo deployment keeps its slot.")
    private String group;

    @UriParam(description = "Publication to stream. Defaults to the slot name, or to pg_flo's name when group is set.")
    private String publication;

    @UriParam(description = "Schema of unqualified table names, and the schema whose every table is published"
            + " when tables is empty.", defaultValue = "public")
    private String schema = "public";

    @UriParam(description = "Comma-separated tables to publish, each table or schema.table. Empty means every"
            + " table of the schema, including tables created later.")
    private String tables;

    @UriParam(description = "Create the publication when it does not exist; when it exists, add any listed"
            + " table it lacks.", defaultValue = "true")
    private boolean createPublication = true;

    @UriParam(description = "Create the logical replication slot (pgoutput) when it does not exist.", defaultValue = "true")
    private boolean createSlot = true;

    @UriParam(description = "How often the consumer reports its confirmed position to the server, also while"
            + " downstream is slow; keep it well under the server's wal_sender_timeout.",
            defaultValue = "10s", javaType = "java.time.Duration")
    private long statusInterval = 10_000;

    @UriParam(label = "security", description = "libpq-style SSL mode of both connections.",
            enums = "disable,allow,prefer,require,verify-ca,verify-full")
    private String sslMode;

    @UriParam(label = "advanced", prefix = "jdbc.", multiValue = true,
            description = "Further pgjdbc connection properties, each given as jdbc.NAME=VALUE, for example"
                    + " jdbc.sslrootcert=/path/root.crt or jdbc.ApplicationName=replicator.")
    private Map<String, Object> jdbcProperties = new HashMap<>();

    @UriParam(description = "Most change events in one exchange. A larger transaction arrives as several"
            + " exchanges (chunks) in order.", defaultValue = "1000")
    private int chunkSize = 1000;

    @UriParam(description = "Approximate most value bytes in one exchange; a chunk closes at whichever of"
            + " chunkSize and chunkBytes is reached first.", defaultValue = "1048576")
    private long chunkBytes = 1_048_576;

    @UriParam(description = "Send one exchange per change event instead of one per transaction chunk, for"
            + " routes that work row by row.", defaultValue = "false")
    private boolean exchangePerChange;

    @UriParam(description = "Ask for pg_logical_emit_message messages (PostgreSQL 14 and later).", defaultValue = "true")
    private boolean logicalMessages = true;

    @UriParam(description = "Capture DDL of the published tables: installs event triggers (superuser needed) that"
            + " emit each ALTER TABLE, CREATE INDEX and DROP INDEX on them as a transactional logical message with"
            + " prefix pgflo.ddl.<group or slot>, in commit order with the rows. Needs logicalMessages.",
            defaultValue = "false")
    private boolean trackDdl;

    @UriParam(label = "advanced", description = "Chunks decoded ahead of the route, bounding memory while"
            + " downstream is busy.", defaultValue = "4")
    private int maxPendingChunks = 4;

    @UriParam(description = "Most exchanges in the route at once. Above 1, an asynchronous route (such as the"
            + " jetstream: producer) pipelines them; confirmation still follows commit order.", defaultValue = "1")
    private int maxInflightExchanges = 1;

    @UriParam(label = "advanced", description = "First wait before reconnecting after a failed exchange or a lost"
            + " connection; it doubles up to reconnectMaxDelay.", defaultValue = "1s", javaType = "java.time.Duration")
    private long reconnectDelay = 1_000;

    @UriParam(label = "advanced", description = "Longest wait between reconnection attempts.", defaultValue = "1m",
            javaType = "java.time.Duration")
    private long reconnectMaxDelay = 60_000;

    @UriParam(label = "advanced", description = "Timeout for opening a connection.", defaultValue = "10s",
            javaType = "java.time.Duration")
    private long connectTimeout = 10_000;

    @UriParam(label = "copy", description = "stream: stream changes from the slot. copy: copy the tables at a"
            + " snapshot, then stop. copy-and-stream: create the slot with an exported snapshot, copy the tables at"
            + " that snapshot, then stream from the slot's consistent point, so no change is lost or doubled.",
            defaultValue = "stream", enums = "stream,copy,copy-and-stream")
    private String mode = "stream";

    @UriParam(label = "copy", description = "Where the copy keeps its plan and finished ranges, so a restart copies"
            + " only what is not done: a bean implementing io.pgflo.camel.snapshot.CopyState, for example"
            + " io.pgflo.camel.component.jetstream.JetStreamCopyState. Required by the copy modes.")
    private io.pgflo.camel.snapshot.CopyState copyState;

    @UriParam(label = "copy", description = "Parallel copy workers per table, each reading its own page ranges.",
            defaultValue = "4")
    private int copyWorkersPerTable = 4;

    @UriParam(label = "copy", description = "Most copy workers, and so source connections, at once over all"
            + " tables.", defaultValue = "8")
    private int copyMaxConnections = 8;

    @UriParam(label = "copy", description = "Largest page range (8 kB pages) a copy worker reads at once; a"
            + " restart re-reads at most the ranges in progress.", defaultValue = "2048")
    private long copyPagesPerRange = 2048;

    @UriParam(label = "copy", description = "Most rows in one exchange of copied rows. Copied rows carry no"
            + " transaction to keep together, so their exchanges are bounded by copyChunkBytes first; this bounds"
            + " the events a consumer decodes from one message of small rows.", defaultValue = "20000")
    private int copyChunkSize = 20_000;

    @UriParam(label = "copy", description = "Approximate most bytes of COPY text in one exchange of copied rows."
            + " The default leaves room for the message header under the replicator's 900 KiB messages.",
            defaultValue = "786432")
    private long copyChunkBytes = 786_432;

    @UriParam(label = "copy", description = "How often the copy logs its progress.", defaultValue = "5s",
            javaType = "java.time.Duration")
    private long copyProgressInterval = 5_000;

    /** Checks the options together; each message names the option and what was expected. */
    public void validate() {
        List<String> problems = new ArrayList<>();
        if (database == null || database.isBlank()) {
            problems.add("option 'database' is required: the database to replicate");
        }
        if (host == null || host.isBlank()) {
            problems.add("option 'host' must not be empty");
        }
        if (port < 1 || port > 65535) {
            problems.add("option 'port' is " + port + "; expected 1 to 65535");
        }
        if (group != null) {
            try {
                PgFloNames.requireValidGroup(group);
            } catch (IllegalArgumentException e) {
                problems.add("option 'group': " + e.getMessage());
            }
        }
        String slotName = resolvedSlot();
        if (slotName == null) {
            problems.add("a slot name is required: write pgwal:<slot> or set option 'group'");
        } else if (!SLOT_NAME.matcher(slotName).matches()) {
            problems.add("slot name '" + slotName + "' is invalid; expected 1 to 63 lower-case letters, digits or '_'");
        }
        if (chunkSize < 1) {
            problems.add("option 'chunkSize' is " + chunkSize + "; expected at least 1");
        }
        if (chunkBytes < 1) {
            problems.add("option 'chunkBytes' is " + chunkBytes + "; expected at least 1");
        }
        if (maxPendingChunks < 1) {
            problems.add("option 'maxPendingChunks' is " + maxPendingChunks + "; expected at least 1");
        }
        if (maxInflightExchanges < 1) {
            problems.add("option 'maxInflightExchanges' is " + maxInflightExchanges + "; expected at least 1");
        }
        if (statusInterval < 100) {
            problems.add("option 'statusInterval' is " + statusInterval + " ms; expected at least 100 ms");
        }
        if (reconnectDelay < 1 || reconnectMaxDelay < reconnectDelay) {
            problems.add("options 'reconnectDelay' and 'reconnectMaxDelay' must be positive, the maximum not below the first");
        }
        try {
            tableList();
        } catch (IllegalArgumentException e) {
            problems.add("option 'tables': " + e.getMessage());
        }
        if (!List.of("stream", "copy", "copy-and-stream").contains(mode)) {
            problems.add("option 'mode' is '" + mode + "'; expected stream, copy or copy-and-stream");
        } else if (copies() && copyState == null) {
            problems.add("option 'copyState' is required by mode " + mode + ": a CopyState bean keeps the copy's"
                    + " progress, for example io.pgflo.camel.component.jetstream.JetStreamCopyState");
        }
        if (copyChunkSize < 1) {
            problems.add("option 'copyChunkSize' is " + copyChunkSize + "; expected at least 1");
        }
        if (copyChunkBytes < 1) {
            problems.add("option 'copyChunkBytes' is " + copyChunkBytes + "; expected at least 1");
        }
        if (copyWorkersPerTable < 1 || copyMaxConnections < 1 || copyPagesPerRange < 1) {
            problems.add("options 'copyWorkersPerTable', 'copyMaxConnections' and 'copyPagesPerRange' must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid pgwal endpoint: " + String.join("; ", problems));
        }
    }

    /** Whether the mode copies the tables first. */
    public boolean copies() {
        return "copy".equals(mode) || "copy-and-stream".equals(mode);
    }

    /** Whether the mode streams from the slot (after the copy, if any). */
    public boolean streams() {
        return !"copy".equals(mode);
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public io.pgflo.camel.snapshot.CopyState getCopyState() {
        return copyState;
    }

    public void setCopyState(io.pgflo.camel.snapshot.CopyState copyState) {
        this.copyState = copyState;
    }

    public int getCopyWorkersPerTable() {
        return copyWorkersPerTable;
    }

    public void setCopyWorkersPerTable(int copyWorkersPerTable) {
        this.copyWorkersPerTable = copyWorkersPerTable;
    }

    public int getCopyMaxConnections() {
        return copyMaxConnections;
    }

    public void setCopyMaxConnections(int copyMaxConnections) {
        this.copyMaxConnections = copyMaxConnections;
    }

    public long getCopyPagesPerRange() {
        return copyPagesPerRange;
    }

    public void setCopyPagesPerRange(long copyPagesPerRange) {
        this.copyPagesPerRange = copyPagesPerRange;
    }

    public int getCopyChunkSize() {
        return copyChunkSize;
    }

    public void setCopyChunkSize(int copyChunkSize) {
        this.copyChunkSize = copyChunkSize;
    }

    public long getCopyChunkBytes() {
        return copyChunkBytes;
    }

    public void setCopyChunkBytes(long copyChunkBytes) {
        this.copyChunkBytes = copyChunkBytes;
    }

    public long getCopyProgressInterval() {
        return copyProgressInterval;
    }

    public void setCopyProgressInterval(long copyProgressInterval) {
        this.copyProgressInterval = copyProgressInterval;
    }

    /** The slot to read: the URI path, else pg_flo's name for the group, else null. */
    public String resolvedSlot() {
        if (slot != null && !slot.isBlank()) {
            return slot;
        }
        return group == null ? null : PgFloNames.replicationSlot(group);
    }

    public String resolvedPublication() {
        if (publication != null && !publication.isBlank()) {
            return publication;
        }
        return group == null ? resolvedSlot() : PgFloNames.publication(group);
    }

    /** The listed tables, schema-qualified; empty when the whole schema is published. */
    public List<TableName> tableList() {
        List<TableName> result = new ArrayList<>();
        if (tables == null || tables.isBlank()) {
            return result;
        }
        for (String part : tables.split(",")) {
            if (!part.isBlank()) {
                result.add(TableName.parse(part, schema));
            }
        }
        return result;
    }

    public PgWalConfiguration copy() {
        try {
            PgWalConfiguration copy = (PgWalConfiguration) clone();
            copy.jdbcProperties = new HashMap<>(jdbcProperties);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getSlot() {
        return slot;
    }

    public void setSlot(String slot) {
        this.slot = slot;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getPublication() {
        return publication;
    }

    public void setPublication(String publication) {
        this.publication = publication;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getTables() {
        return tables;
    }

    public void setTables(String tables) {
        this.tables = tables;
    }

    public boolean isCreatePublication() {
        return createPublication;
    }

    public void setCreatePublication(boolean createPublication) {
        this.createPublication = createPublication;
    }

    public boolean isCreateSlot() {
        return createSlot;
    }

    public void setCreateSlot(boolean createSlot) {
        this.createSlot = createSlot;
    }

    public long getStatusInterval() {
        return statusInterval;
    }

    public void setStatusInterval(long statusInterval) {
        this.statusInterval = statusInterval;
    }

    public String getSslMode() {
        return sslMode;
    }

    public void setSslMode(String sslMode) {
        this.sslMode = sslMode;
    }

    public Map<String, Object> getJdbcProperties() {
        return jdbcProperties;
    }

    public void setJdbcProperties(Map<String, Object> jdbcProperties) {
        this.jdbcProperties = jdbcProperties;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public long getChunkBytes() {
        return chunkBytes;
    }

    public void setChunkBytes(long chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    public boolean isExchangePerChange() {
        return exchangePerChange;
    }

    public void setExchangePerChange(boolean exchangePerChange) {
        this.exchangePerChange = exchangePerChange;
    }

    public boolean isTrackDdl() {
        return trackDdl;
    }

    public void setTrackDdl(boolean trackDdl) {
        this.trackDdl = trackDdl;
    }

    /** The prefix of this consumer's DDL messages, and its name in the source's DDL registry. */
    public String ddlName() {
        return group != null ? group : resolvedSlot();
    }

    public boolean isLogicalMessages() {
        return logicalMessages;
    }

    public void setLogicalMessages(boolean logicalMessages) {
        this.logicalMessages = logicalMessages;
    }

    public int getMaxPendingChunks() {
        return maxPendingChunks;
    }

    public void setMaxPendingChunks(int maxPendingChunks) {
        this.maxPendingChunks = maxPendingChunks;
    }

    public int getMaxInflightExchanges() {
        return maxInflightExchanges;
    }

    public void setMaxInflightExchanges(int maxInflightExchanges) {
        this.maxInflightExchanges = maxInflightExchanges;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public long getReconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    public void setReconnectMaxDelay(long reconnectMaxDelay) {
        this.reconnectMaxDelay = reconnectMaxDelay;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }
}
