package io.pgflo.camel.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.pgoutput.Xid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventModelTest {

    private static final TransactionInfo TX = new TransactionInfo(new Xid(7), Lsn.parse("0/10"),
            Instant.parse("2024-01-01T00:00:00Z"), null);
    private static final TableName TABLE = new TableName("public", "t");
    private static final List<ColumnInfo> COLUMNS = List.of(
            new ColumnInfo("id", 23, "int4", -1, true),
            new ColumnInfo("name", 25, "text", -1, false));

    private static RowChange row(Operation op, List<TupleValue> newValues, List<TupleValue> oldValues) {
        return new RowChange(op, TABLE, COLUMNS, ReplicaIdentity.DEFAULT, newValues, oldValues, false,
                Lsn.parse("0/20"), TX);
    }

    @Test
    void rowChangeAcceptsOnlyRowOperations() {
        assertThatThrownBy(() -> row(Operation.TRUNCATE, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row change is an INSERT, UPDATE or DELETE, not TRUNCATE");
        assertThatThrownBy(() -> row(Operation.MESSAGE, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> row(null, List.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("operation");
    }

    @Test
    void rowChangeRejectsValuesNotMatchingColumns() {
        assertThatThrownBy(() -> row(Operation.INSERT, List.of(new TupleValue.Text("1")), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("new row of public.t has 1 values for 2 columns");
        assertThatThrownBy(() -> row(Operation.DELETE, null, List.of(TupleValue.Null.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("old row of public.t has 1 values for 2 columns");
    }

    @Test
    void rowChangeCopiesItsLists() {
        List<TupleValue> values = new ArrayList<>(List.of(new TupleValue.Text("1"), new TupleValue.Text("a")));
        RowChange change = row(Operation.INSERT, values, null);
        values.set(1, new TupleValue.Text("b"));

        assertThat(change.newValue("name")).isEqualTo(new TupleValue.Text("a"));
        assertThatThrownBy(() -> change.newValues().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> change.columns().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rowChangeEstimatedSizeCountsColumnsAndTextCharacters() {
        RowChange change = row(Operation.UPDATE,
                List.of(new TupleValue.Text("12"), TupleValue.UnchangedToast.INSTANCE),
                List.of(new TupleValue.Text("1"), new TupleValue.Text("abcd")));

        assertThat(change.estimatedSize()).isEqualTo(96 + 16 * 2 + 2 + 1 + 4);
        assertThat(row(Operation.DELETE, null, List.of(new TupleValue.Text("1"), TupleValue.Null.INSTANCE))
                .estimatedSize()).isEqualTo(96 + 32 + 1);
    }

    @Test
    void truncateEventSizeAndOperation() {
        TruncateEvent event = new TruncateEvent(List.of(TABLE, new TableName("s", "u")), false, true,
                Lsn.parse("0/30"), TX);

        assertThat(event.operation()).isEqualTo(Operation.TRUNCATE);
        assertThat(event.estimatedSize()).isEqualTo(64 + 128);
        assertThat(event.restartIdentity()).isTrue();
        assertThat(event.cascade()).isFalse();
    }

    @Test
    void logicalMessageEventCopiesContentAndComparesByValue() {
        byte[] content = "héllo".getBytes(StandardCharsets.UTF_8);
        LogicalMessageEvent event = new LogicalMessageEvent("pfx", content, true, Lsn.parse("0/40"), TX);
        content[0] = 'X';
        event.content()[1] = 'Y';

        assertThat(event.contentText()).isEqualTo("héllo");
        assertThat(event.estimatedSize()).isEqualTo(64 + 3 + 6);
        assertThat(event).isEqualTo(new LogicalMessageEvent("pfx", "héllo".getBytes(StandardCharsets.UTF_8), true,
                Lsn.parse("0/40"), TX));
        assertThat(event).hasSameHashCodeAs(new LogicalMessageEvent("pfx",
                "héllo".getBytes(StandardCharsets.UTF_8), true, Lsn.parse("0/40"), TX));
        assertThat(event).isNotEqualTo(new LogicalMessageEvent("pfx", "héllo".getBytes(StandardCharsets.UTF_8),
                true, Lsn.parse("0/40"), null));
        assertThat(event).hasToString("LogicalMessageEvent[prefix=pfx, content=héllo, lsn=0/40]");
    }

    @Test
    void transactionWithOriginKeepsOtherFields() {
        assertThat(TX.withOrigin("east")).isEqualTo(new TransactionInfo(new Xid(7), Lsn.parse("0/10"),
                Instant.parse("2024-01-01T00:00:00Z"), "east"));
        assertThat(TX.origin()).isNull();
    }
}
