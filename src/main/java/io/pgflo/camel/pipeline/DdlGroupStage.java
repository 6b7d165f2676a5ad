package io.pgflo.camel.pipeline;

import io.pgflo.camel.ddl.DdlMessages;
import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.naming.PgFloNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Worker step: keeps the group's own tracked DDL and leaves out other groups' DDL. pgoutput sends every
 * logical message of a database to every slot, so another group's DDL messages (about tables this group
 * does not replicate) reach this group's stream too; they are not this group's changes.
 */
public class DdlGroupStage implements Processor {

    private String group;

    @Override
    public void process(Exchange exchange) {
        List<?> changes = exchange.getIn().getBody(List.class);
        List<ChangeRecord> kept = new ArrayList<>(changes.size());
        for (Object change : changes) {
            ChangeRecord record = (ChangeRecord) change;
            if (!(record.event() instanceof LogicalMessageEvent message) || !DdlMessages.isDdl(message)
                    || DdlMessages.isForGroup(message, group)) {
                kept.add(record);
            }
        }
        if (kept.size() != changes.size()) {
            exchange.getIn().setBody(kept);
        }
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = PgFloNames.requireValidGroup(group);
    }
}
