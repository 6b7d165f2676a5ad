package io.pgflo.camel.pipeline;

import io.pgflo.camel.event.ChangeRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A worker stage that rewrites or drops each change of a batch: the shape of the rules and routing steps.
 * With no transformations configured, every change passes unchanged.
 */
public class ChangeStage implements Processor {

    /** One transformation; returns the rewritten change, or null to drop it. */
    @FunctionalInterface
    public interface Transformation {
        ChangeRecord apply(ChangeRecord change);
    }

    private final List<Transformation> transformations = new ArrayList<>();

    public ChangeStage add(Transformation transformation) {
        transformations.add(transformation);
        return this;
    }

    @Override
    public void process(Exchange exchange) {
        if (transformations.isEmpty()) {
            return;
        }
        List<?> changes = exchange.getIn().getBody(List.class);
        List<ChangeRecord> kept = new ArrayList<>(changes.size());
        for (Object item : changes) {
            ChangeRecord change = (ChangeRecord) item;
            for (Transformation transformation : transformations) {
                change = transformation.apply(change);
                if (change == null) {
                    break;
                }
            }
            if (change != null) {
                kept.add(change);
            }
        }
        exchange.getIn().setBody(kept);
    }
}
