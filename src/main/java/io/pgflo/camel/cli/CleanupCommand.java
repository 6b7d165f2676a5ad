package io.pgflo.camel.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.pgflo.camel.component.pgwal.replication.ConnectionSettings;
import io.pgflo.camel.component.pgwal.replication.DdlCaptureSetup;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.sql.SqlIdentifiers;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgflo cleanup}: removes a retired group's slot, publication, streams and state. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Remove a group's replication slot, publication, DDL tracking, JetStream streams and state. The replicator must be stopped.")
final class CleanupCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--host", description = "Source host (required).")
    String host;

    @Option(names = "--port", defaultValue = "5432", description = "Source port.")
    int port;

    @Option(names = "--dbname", description = "Source database (required).")
    String dbname;

    @Option(names = "--user", description = "Source user (required).")
    String user;

    @Option(names = "--password", description = "Source password.")
    String password;

    @Override
    public Integer call() throws Exception {
        common.require();
        Settings.required("host", host);
        Settings.required("dbname", dbname);
        Settings.required("user", user);
        String group = common.group;
        dropSlotAndPublication(group);
        try (Connection nats = Nats.connect(common.natsUrl)) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            deleteStream(jsm, PgFloNames.stream(group));
            deleteStream(jsm, PgFloNames.deadLetterStream(group));
            deleteStream(jsm, "KV_" + PgFloNames.stateBucket(group));
        }
        return 0;
    }

    private void dropSlotAndPublication(String group) throws Exception {
        ConnectionSettings settings = new ConnectionSettings(host, port, dbname, user, password, null, Map.of(), 10_000);
        try (java.sql.Connection sql = settings.openSql()) {
            String slot = PgFloNames.replicationSlot(group);
            try (PreparedStatement ps = sql.prepareStatement(
                    "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getObject(1) != null) {
                            throw new CliException("slot " + slot + " is in use by process " + rs.getInt(1)
                                    + "; stop the group's replicator first");
                        }
                        try (PreparedStatement drop = sql.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                            drop.setString(1, slot);
                            drop.execute();
                        }
                        System.out.println("dropped replication slot " + slot);
                    }
                }
            }
            // DDL tracking is registered under the group name; the shared triggers go with the last group.
            for (String line : DdlCaptureSetup.remove(sql, group)) {
                System.out.println(line);
            }
            String publication = PgFloNames.publication(group);
            try (PreparedStatement ps = sql.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
                ps.setString(1, publication);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        try (Statement st = sql.createStatement()) {
                            st.execute("DROP PUBLICATION " + SqlIdentifiers.quote(publication));
                        }
                        System.out.println("dropped publication " + publication);
                    }
                }
            }
        }
    }

    private static void deleteStream(JetStreamManagement jsm, String stream) throws Exception {
        try {
            jsm.deleteStream(stream);
            System.out.println("deleted stream " + stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10059) {
                throw e;
            }
        }
    }
}
