package io.pgflo.camel.bench;

import io.pgflo.camel.event.ColumnInfo;
import io.pgflo.camel.event.Operation;
import io.pgflo.camel.event.RowChange;
import io.pgflo.camel.event.TableName;
import io.pgflo.camel.pgoutput.Lsn;
import io.pgflo.camel.pgoutput.ReplicaIdentity;
import io.pgflo.camel.pgoutput.TupleValue;
import io.pgflo.camel.rules.RuleSet;
import io.pgflo.camel.rules.RulesLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Where rule time goes, without NATS or a sink: {@link RuleSet#apply} over 350,000 rows shaped like the
 * reference mix (inserts, updates, key-only deletes), with the rules benchmark's five rules together and
 * each alone, a few rounds each, in one JVM.
 */
public final class RuleSetTiming {

    private RuleSetTiming() {
    }

    public static void main(String[] args) {
        String[] parts = RulesBenchmark.RULES.split("(?=\\n    - type)");
        List<String> names = new ArrayList<>();
        List<RuleSet> sets = new ArrayList<>();
        names.add("all");
        sets.add(RulesLoader.parse(RulesBenchmark.RULES, "bench", "public"));
        for (int i = 1; i < parts.length; i++) {
            names.add(parts[i].trim().replace("\n", " "));
            sets.add(RulesLoader.parse(parts[0] + parts[i] + "\n", "bench", "public"));
        }
        // The benchmark's hash column repeats (1,000 accounts), so the hash rule's recent results answer most
        // rows; hashing the unique id shows the cost when every value is new.
        names.add("hash of a column whose every value is new (id)");
        sets.add(RulesLoader.parse(parts[0] + "\n    - type: transform\n      column: id\n"
                + "      parameters: {type: hash, key: \"bench-key\"}\n", "bench", "public"));
        List<ColumnInfo> cols = List.of(new ColumnInfo("id", 20, "int8", -1, true), new ColumnInfo("account_id", 23, "int4", -1, false),
                new ColumnInfo("kind", 25, "text", -1, false), new ColumnInfo("amount", 1700, "numeric", 786438, false),
                new ColumnInfo("payload", 3802, "jsonb", -1, false), new ColumnInfo("created_at", 1184, "timestamptz", -1, false));
        TableName t = new TableName("public", "bench_events");
        List<RowChange> rows = new ArrayList<>();
        for (int g = 1; g <= 350_000; g++) {
            TupleValue.Text id = new TupleValue.Text(String.valueOf(g));
            if (g <= 300_000) {
                List<TupleValue> v = List.of(id, new TupleValue.Text(String.valueOf(g % 1000)),
                        new TupleValue.Text(g > 200_000 ? "upd" : "k" + g % 7), new TupleValue.Text((g % 100000) / 100 + ".00"),
                        new TupleValue.Text("{\"n\": " + g + ", \"tag\": \"t" + g % 13 + "\", \"note\": \"" + "y".repeat(40) + "\"}"),
                        new TupleValue.Text("2026-11-22 06:47:51.123456+00"));
                rows.add(new RowChange(g > 200_000 ? Operation.UPDATE : Operation.INSERT, t, cols, ReplicaIdentity.DEFAULT, v, null, false, Lsn.of(g), null));
            } else {
                List<TupleValue> o = new ArrayList<>();
                o.add(id);
                for (int i = 1; i < 6; i++) o.add(TupleValue.Null.INSTANCE);
                rows.add(new RowChange(Operation.DELETE, t, cols, ReplicaIdentity.DEFAULT, null, o, true, Lsn.of(g), null));
            }
        }
        for (int round = 0; round < 4; round++) for (int k = 0; k < sets.size(); k++) {
            RuleSet rules = sets.get(k);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            int kept = 0;
            for (RowChange r : rows) {
                if (rules.apply(r) != null) kept++;
            }
            long ns = System.nanoTime() - t0;
            long allocated = threads.getCurrentThreadAllocatedBytes() - a0;
            System.out.printf("round %d %s: %.0f ms, %.2f us/row, %d bytes/row allocated, kept %d%n", round, names.get(k).substring(0, Math.min(40, names.get(k).length())), ns / 1e6, ns / 1e3 / rows.size(), allocated / rows.size(), kept);
        }
    }
}
