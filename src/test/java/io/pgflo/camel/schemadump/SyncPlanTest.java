package io.pgflo.camel.schemadump;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgflo.camel.event.TableName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncPlanTest {

    private static final TableName ORDERS = new TableName("public", "orders");
    private static final TableName ITEMS = new TableName("shop", "items");
    private static final ObjectName MOOD = new ObjectName("public", "mood");
    private static final ObjectName MONEY = new ObjectName("types", "amount");
    private static final ObjectName ORDERS_SEQ = new ObjectName("public", "orders_id_seq");
    private static final ObjectName SHARED_SEQ = new ObjectName("seqs", "shared");

    @Test
    void onlyTablesTheTargetLacksAreCreatedInTheSourceOrder() {
        assertThat(SyncPlan.missingTables(List.of(ORDERS, ITEMS), Set.of(ORDERS))).containsExactly(ITEMS);
        assertThat(SyncPlan.missingTables(List.of(ITEMS, ORDERS), Set.of())).containsExactly(ITEMS, ORDERS);
        assertThat(SyncPlan.missingTables(List.of(ORDERS), Set.of(ORDERS))).isEmpty();
    }

    @Test
    void typesSequencesAndSchemasTheTargetHasAreKept() {
        SyncPlan plan = SyncPlan.of(List.of(ORDERS, ITEMS), List.of(MOOD, MONEY), List.of(ORDERS_SEQ, SHARED_SEQ),
                Set.of(MOOD), Set.of(SHARED_SEQ), Set.of("public"));

        assertThat(plan.tables()).containsExactly(ORDERS, ITEMS);
        assertThat(plan.types()).containsExactly(MONEY);
        assertThat(plan.sequences()).containsExactly(ORDERS_SEQ);
        assertThat(plan.schemas()).containsExactly("shop", "types");
        assertThat(plan.relationsToDump()).containsExactly(ORDERS, ITEMS, new TableName("public", "orders_id_seq"));
        assertThat(plan.typeSchemas()).containsExactly("types");
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void anEmptyTargetGetsEverything() {
        SyncPlan plan = SyncPlan.of(List.of(ORDERS), List.of(MOOD, MOOD), List.of(SHARED_SEQ), Set.of(), Set.of(), Set.of());
        assertThat(plan.types()).containsExactly(MOOD);
        assertThat(plan.schemas()).containsExactly("public", "seqs");
    }
}
