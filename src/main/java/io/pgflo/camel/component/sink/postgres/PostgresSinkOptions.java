package io.pgflo.camel.component.sink.postgres;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of {@code pgflo-sink:postgres}. */
@UriParams
public class PostgresSinkOptions {

    @UriParam(label = "postgres", description = "Target host.", defaultValue = "localhost")
    private String host = "localhost";

    @UriParam(label = "postgres", description = "Target port.", defaultValue = "5432")
    private int port = 5432;

    @UriParam(label = "postgres", description = "Target database (required for the postgres sink).")
    private String database;

    @UriParam(label = "postgres,security", description = "Target user.", defaultValue = "postgres", secret = true)
    private String user = "postgres";

    @UriParam(label = "postgres,security", description = "Target password.", secret = true)
    private String password;

    @UriParam(label = "postgres", description = "Apply with session_replication_role = replica, so foreign keys and"
            + " triggers of the target do not fire (needs a superuser or the role's permission).", defaultValue = "false")
    private boolean disableForeignKeys;

    @UriParam(label = "postgres", description = "Table in the target that records the last applied position, written"
            + " in each batch's transaction so a redelivered batch is skipped.", defaultValue = "public.pgflo_apply_position")
    private String positionTable = "public.pgflo_apply_position";

    @UriParam(label = "postgres", description = "Name of this sink in the position table; the group name by default.")
    private String sinkName;

    @UriParam(label = "postgres", description = "How often a batch the target rejects is tried again as a whole before"
            + " its changes are applied one by one and the rejected ones dead-lettered.", defaultValue = "2")
    private int rejectRetries = 2;

    @UriParam(label = "postgres", description = "Send runs of new rows to COPY in binary where every column's type"
            + " allows it, which costs the target less than parsing text; false sends them as text.",
            defaultValue = "true")
    private boolean binaryCopy = true;

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getDatabase() { return database; }
    public void setDatabase(String database) { this.database = database; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isDisableForeignKeys() { return disableForeignKeys; }
    public void setDisableForeignKeys(boolean disableForeignKeys) { this.disableForeignKeys = disableForeignKeys; }
    public String getPositionTable() { return positionTable; }
    public void setPositionTable(String positionTable) { this.positionTable = positionTable; }
    public String getSinkName() { return sinkName; }
    public void setSinkName(String sinkName) { this.sinkName = sinkName; }
    public int getRejectRetries() { return rejectRetries; }
    public void setRejectRetries(int rejectRetries) { this.rejectRetries = rejectRetries; }
    public boolean isBinaryCopy() { return binaryCopy; }
    public void setBinaryCopy(boolean binaryCopy) { this.binaryCopy = binaryCopy; }
}
