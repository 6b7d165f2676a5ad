package io.pgflo.camel.pipeline;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.routing.Router;
import io.pgflo.camel.routing.RoutingLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Worker step, after the rules: renames tables and columns by a pg_flo routing file and drops changes
 * whose operation a route does not list. The file is loaded, strictly, when it is set.
 */
public class RoutingStage implements Processor {

    private String file;
    private String defaultSchema = "public";
    private Router router = Router.EMPTY;

    @Override
    public void process(Exchange exchange) {
        if (router.isEmpty()) {
            return;
        }
        List<?> changes = exchange.getIn().getBody(List.class);
        List<ChangeRecord> kept = new ArrayList<>(changes.size());
        for (Object change : changes) {
            ChangeRecord result = router.route((ChangeRecord) change);
            if (result != null) {
                kept.add(result);
            }
        }
        exchange.getIn().setBody(kept);
    }

    private void load() {
        router = file == null || file.isBlank() ? Router.EMPTY : RoutingLoader.load(Path.of(file), defaultSchema);
    }

    public String getFile() {
        return file;
    }

    /** The routing file (pg_flo's --routing-config); empty for none. */
    public void setFile(String file) {
        this.file = file;
        load();
    }

    public String getDefaultSchema() {
        return defaultSchema;
    }

    public void setDefaultSchema(String defaultSchema) {
        this.defaultSchema = defaultSchema;
        load();
    }
}
