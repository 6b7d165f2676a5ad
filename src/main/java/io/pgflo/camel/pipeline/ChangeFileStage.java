package io.pgflo.camel.pipeline;

import io.pgflo.camel.event.ChangeRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A worker step driven by a pg_flo file: each change of the batch is rewritten, or dropped when the
 * stage returns null. The file is loaded, strictly, whenever it or the default schema is set, so a bad
 * file stops the worker at start.
 */
public abstract class ChangeFileStage implements Processor {

    private String file;
    private String defaultSchema = "public";
    private UnaryOperator<ChangeRecord> stage;

    /** Loads the file; returns null when it configures nothing, so batches pass untouched. */
    protected abstract UnaryOperator<ChangeRecord> load(Path file, String defaultSchema);

    @Override
    public void process(Exchange exchange) {
        if (stage == null) {
            return;
        }
        List<?> changes = exchange.getIn().getBody(List.class);
        List<ChangeRecord> kept = new ArrayList<>(changes.size());
        for (Object change : changes) {
            ChangeRecord result = stage.apply((ChangeRecord) change);
            if (result != null) {
                kept.add(result);
            }
        }
        exchange.getIn().setBody(kept);
    }

    private void reload() {
        stage = file == null || file.isBlank() ? null : load(Path.of(file), defaultSchema);
    }

    public String getFile() {
        return file;
    }

    /** The file (pg_flo's --rules-config or --routing-config); empty for none. */
    public void setFile(String file) {
        this.file = file;
        reload();
    }

    public String getDefaultSchema() {
        return defaultSchema;
    }

    /** The schema of unqualified table names in the file. */
    public void setDefaultSchema(String defaultSchema) {
        this.defaultSchema = defaultSchema;
        reload();
    }
}
