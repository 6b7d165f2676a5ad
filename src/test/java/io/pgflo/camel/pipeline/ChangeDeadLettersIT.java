package io.pgflo.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.pgflo.camel.component.jetstream.StreamProvisioner;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.event.TransactionInfo;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import io.pgflo.camel.testing.TestNames;
import io.pgflo.camel.testing.TestServers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ChangeDeadLettersIT {

    private static ChangeRecord change(long seq) {
        Lsn commit = Lsn.parse("0/16B3748");
        RowChange row = new RowChange(Operation.INSERT, new TableName("public", "items"),
                List.of(new ColumnInfo("id", 23, "int4", -1, true)), ReplicaIdentity.DEFAULT,
                List.of(new TupleValue.Text(String.valueOf(seq))), null, false, Lsn.parse("0/16B3700"),
                new TransactionInfo(new Xid(812), commit, Instant.parse("2026-03-01T10:15:30Z"), null));
        return new ChangeRecord(new Position(commit, seq), Instant.parse("2026-03-01T10:15:31Z"), row);
    }

    @Test
    void aChangeRejectedAgainAfterACrashIsStoredOnce() throws Exception {
        String stream = TestNames.unique("dlq");
        String subject = stream.replace('_', '.');
        try (Connection nats = Nats.connect(TestServers.nats().url());
             ChangeDeadLetters deadLetters = new ChangeDeadLetters()) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            StreamProvisioner.ensureDeadLetterStream(jsm, stream, subject);
            try {
                deadLetters.setServers(TestServers.nats().url());
                deadLetters.setSubject(subject);

                // The batch came again after a crash between the dead letter and the target's commit.
                deadLetters.send(change(4), "target rejected the change", Map.of());
                deadLetters.send(change(4), "target rejected the change", Map.of());
                deadLetters.send(change(5), "target rejected the change", Map.of());

                assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(2);
                assertThat(jsm.getMessage(stream, 1).getHeaders().getFirst(ChangeDeadLetters.POSITION_HEADER))
                        .isEqualTo(change(4).position().toString());
            } finally {
                jsm.deleteStream(stream);
            }
        }
    }
}
