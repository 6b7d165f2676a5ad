package io.pgflo.camel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.Position;
import io.pgflo.camel.pgoutput.Lsn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class DdlGroupStageTest {

    private static ChangeRecord message(String prefix, int seq) {
        return new ChangeRecord(new Position(Lsn.parse("0/100"), seq), Instant.EPOCH,
                new LogicalMessageEvent(prefix, "{}".getBytes(StandardCharsets.UTF_8), true, Lsn.parse("0/90"), null));
    }

    @Test
    void keepsTheGroupsDdlAndOtherMessagesAndLeavesOutOtherGroupsDdl() throws Exception {
        DdlGroupStage stage = new DdlGroupStage();
        stage.setGroup("orders");
        List<ChangeRecord> batch = List.of(message("pgflo.ddl.orders", 0), message("pgflo.ddl.billing", 1),
                message("app", 2), message("pgflo.ddl.orders-eu", 3));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getIn().setBody(batch);
            stage.process(exchange);
            assertThat(exchange.getIn().getBody(List.class)).containsExactly(batch.get(0), batch.get(2));
        }
    }

    @Test
    void anInvalidGroupIsRefused() {
        assertThatThrownBy(() -> new DdlGroupStage().setGroup("a b"))
                .hasMessage("group 'a b' is not valid; expected letters, digits, '_' or '-'");
    }
}
