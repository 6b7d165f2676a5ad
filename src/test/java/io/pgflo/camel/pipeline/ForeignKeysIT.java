package io.pgflo.camel.pipeline;

import static io.pgflo.camel.pipeline.Await.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.pgflo.camel.naming.PgFloNames;
import io.pgflo.camel.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --target-disable-foreign-keys}: the target has a foreign key the source lacks, and a child row
 * arrives before its parent. With the flag it applies; without it, that one change is dead-lettered.
 */
@Timeout(300)
class ForeignKeysIT {

    @TempDir
    Path dir;

    /** Source without the foreign key, target with it; then a child, its parent, others, and a last marker row. */
    private static PgFloProcess[] childBeforeParent(PipelineFixture f, TestDatabase target, String... workerFlags)
            throws Exception {
        String[] tables = {"CREATE TABLE parent(id int PRIMARY KEY, name text)",
            "CREATE TABLE child(id int PRIMARY KEY, parent_id int NOT NULL, note text)"};
        f.db.execute(tables);
        target.execute(tables);
        target.execute("ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent(id)");
        PgFloProcess replicator = f.replicator();
        PgFloProcess worker = f.postgresWorker(target, workerFlags);
        f.awaitReplicatorStreaming(replicator);
        f.db.execute("INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 5) g",
                "INSERT INTO child SELECT g, 1 + g % 5, 'early' FROM generate_series(1, 10) g",
                "INSERT INTO child VALUES (100, 10, 'orphan for now')",
                "INSERT INTO parent VALUES (10, 'late parent')",
                "INSERT INTO child SELECT g, 1 + g % 5, 'late' FROM generate_series(11, 20) g",
                "INSERT INTO parent VALUES (99, 'marker')");
        awaitTrue("the marker row", () -> target.queryLong("SELECT count(*) FROM parent WHERE id = 99") == 1, replicator, worker);
        return new PgFloProcess[] {replicator, worker};
    }

    private static long deadLetters(PipelineFixture f) throws Exception {
        try (Connection nats = Nats.connect(f.natsUrl)) {
            return nats.jetStreamManagement().getStreamInfo(PgFloNames.deadLetterStream(f.group)).getStreamState().getMsgCount();
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) {
                return 0;
            }
            throw e;
        }
    }

    @Test
    void withTheFlagAChildBeforeItsParentApplies() throws Exception {
        try (PipelineFixture f = new PipelineFixture("fk_off", dir); TestDatabase target = f.db.server().createDatabase("fk_off_target")) {
            PgFloProcess[] processes = childBeforeParent(f, target, "--target-disable-foreign-keys");

            assertThat(target.queryLong("SELECT count(*) FROM child")).isEqualTo(21);
            assertThat(target.queryString("SELECT note FROM child WHERE id = 100")).isEqualTo("orphan for now");
            assertThat(target.queryLong("SELECT count(*) FROM parent")).isEqualTo(7);
            assertThat(deadLetters(f)).isZero();
            assertThat(processes[1].log()).doesNotContain("child_parent_fk");
            // The foreign key is still there and in force for everyone else.
            assertThat(target.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'child_parent_fk'")).isEqualTo(1);
        }
    }

    @Test
    void withoutTheFlagTheChildBeforeItsParentIsDeadLetteredAndTheRestArrives() throws Exception {
        try (PipelineFixture f = new PipelineFixture("fk_on", dir); TestDatabase target = f.db.server().createDatabase("fk_on_target")) {
            childBeforeParent(f, target);

            assertThat(target.queryLong("SELECT count(*) FROM child")).isEqualTo(20);
            assertThat(target.queryLong("SELECT count(*) FROM child WHERE id = 100")).isZero();
            assertThat(target.queryLong("SELECT count(*) FROM parent")).isEqualTo(7);
            assertThat(deadLetters(f)).isEqualTo(1);
            try (Connection nats = Nats.connect(f.natsUrl)) {
                JetStreamManagement jsm = nats.jetStreamManagement();
                MessageInfo dead = jsm.getMessage(PgFloNames.deadLetterStream(f.group), 1);
                assertThat(dead.getHeaders().getFirst("Pgflo-Dlq-Reason")).contains("child_parent_fk");
                assertThat(dead.getHeaders().getFirst("Pgflo-Dlq-Sql-State")).isEqualTo("23503");
            }
        }
    }
}
