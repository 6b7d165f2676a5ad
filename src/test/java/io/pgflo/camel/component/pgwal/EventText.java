package io.pgflo.camel.component.pgwal;

import io.pgflo.camel.event.ChangeEvent;
import io.pgflo.camel.event.LogicalMessageEvent;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TruncateEvent;
import io.pgflo.camel.pgoutput.TupleValue;
import java.util.List;
import java.util.StringJoiner;

/** Renders events as one-line text, so a test can compare a whole sequence exactly. */
final class EventText {

    private EventText() {
    }

    static String of(ChangeEvent event) {
        if (event instanceof RowChange row) {
            StringBuilder text = new StringBuilder(row.operation() + " " + row.table());
            if (row.oldValues() != null) {
                text.append(row.oldIsKeyOnly() ? " key" : " old").append(values(row, row.oldValues()));
            }
            if (row.newValues() != null) {
                text.append(" new").append(values(row, row.newValues()));
            }
            return text.toString();
        }
        if (event instanceof TruncateEvent truncate) {
            return "TRUNCATE " + truncate.tables() + (truncate.cascade() ? " cascade" : "")
                    + (truncate.restartIdentity() ? " restart" : "");
        }
        LogicalMessageEvent message = (LogicalMessageEvent) event;
        return "MESSAGE " + message.prefix() + ":" + message.contentText() + (message.transactional() ? "" : " (non-transactional)");
    }

    static List<String> of(List<ChangeEvent> events) {
        return events.stream().map(EventText::of).toList();
    }

    private static String values(RowChange row, List<TupleValue> values) {
        StringJoiner joiner = new StringJoiner(",", "{", "}");
        for (int i = 0; i < values.size(); i++) {
            TupleValue value = values.get(i);
            String shown = value instanceof TupleValue.Text t ? t.value()
                    : value instanceof TupleValue.Null ? "NULL" : value instanceof TupleValue.UnchangedToast ? "TOAST" : "BINARY";
            joiner.add(row.columns().get(i).name() + "=" + shown);
        }
        return joiner.toString();
    }
}
