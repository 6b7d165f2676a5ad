package io.pgflo.camel.pipeline;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.rules.RuleSet;
import io.pgflo.camel.rules.RulesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Worker step: applies a pg_flo rules file to each change of a batch, dropping the changes a filter
 * rejects. The file is loaded, strictly, when it is set, so a bad file stops the worker at start.
 */
public class RulesStage implements Processor {

    private String file;
    private String defaultSchema = "public";
    private RuleSet rules = RuleSet.EMPTY;

    @Override
    public void process(Exchange exchange) {
        if (rules.isEmpty()) {
            return;
        }
        List<?> changes = exchange.getIn().getBody(List.class);
        List<ChangeRecord> kept = new ArrayList<>(changes.size());
        for (Object change : changes) {
            ChangeRecord result = rules.apply((ChangeRecord) change);
            if (result != null) {
                kept.add(result);
            }
        }
        exchange.getIn().setBody(kept);
    }

    private void load() {
        rules = file == null || file.isBlank() ? RuleSet.EMPTY : RulesLoader.load(Path.of(file), defaultSchema);
    }

    public String getFile() {
        return file;
    }

    /** The rules file (pg_flo's --rules-config); empty for none. */
    public void setFile(String file) {
        this.file = file;
        load();
    }

    public String getDefaultSchema() {
        return defaultSchema;
    }

    /** The schema of unqualified table names in the file. */
    public void setDefaultSchema(String defaultSchema) {
        this.defaultSchema = defaultSchema;
        load();
    }
}
