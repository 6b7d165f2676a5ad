package io.pgflo.camel.component.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.ErrorListenerLoggerImpl;
import io.nats.client.support.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PullStatusListenerTest {

    /** What jnats' own listener logs, through java.util.logging. */
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger jnats = Logger.getLogger(ErrorListenerLoggerImpl.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jnats.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        jnats.removeHandler(capture);
    }

    @Test
    void theEndsOfAPullAreNotWarnings() {
        PullStatusListener listener = new PullStatusListener();
        listener.pullStatusWarning(null, null, new Status(408, "Request Timeout"));
        listener.pullStatusWarning(null, null, new Status(404, "No Messages"));
        listener.pullStatusWarning(null, null, new Status(409, Status.MESSAGE_SIZE_EXCEEDS_MAX_BYTES));
        assertThat(warnings).isEmpty();
    }

    @Test
    void anyOtherStatusOfAPullIsStillReported() {
        new PullStatusListener().pullStatusWarning(null, null, new Status(409, "Exceeded MaxRequestBatch of 10"));
        assertThat(warnings).hasSize(1);
    }
}
