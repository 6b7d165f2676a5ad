package io.pgflo.camel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TestServersIT {

    @Test
    void postgresHasLogicalWalAndGivesEachTestItsOwnDatabase() {
        String name;
        try (TestDatabase db = TestServers.postgres().createDatabase("harness")) {
            name = db.name();
            assertThat(db.queryString("SHOW wal_level")).isEqualTo("logical");
            db.execute("SELECT pg_create_logical_replication_slot('" + TestNames.unique("s") + "', 'pgoutput')");
        }
        try (TestDatabase other = TestServers.postgres().createDatabase("harness_check")) {
            assertThat(other.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")).isZero();
            assertThat(other.queryLong("SELECT count(*) FROM pg_replication_slots WHERE database = '" + name + "'")).isZero();
        }
    }

    @Test
    void natsHasJetStream() throws Exception {
        String stream = TestNames.unique("stream");
        try (Connection nc = Nats.connect(TestServers.nats().url())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>")
                    .storageType(StorageType.File).build());
            try {
                JetStream js = nc.jetStream();
                PublishAck ack = js.publish(stream + ".x", "hello".getBytes(StandardCharsets.UTF_8));
                assertThat(ack.getStream()).isEqualTo(stream);
                assertThat(ack.getSeqno()).isEqualTo(1);
            } finally {
                jsm.deleteStream(stream);
            }
        }
    }
}
