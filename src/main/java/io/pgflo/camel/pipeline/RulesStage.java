package io.pgflo.camel.pipeline;

import io.pgflo.camel.event.ChangeRecord;
import io.pgflo.camel.rules.RuleSet;
import io.pgflo.camel.rules.RulesLoader;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Worker step: applies a pg_flo rules file, dropping the changes a filter rejects. */
public class RulesStage extends ChangeFileStage {

    @Override
    protected UnaryOperator<ChangeRecord> load(Path file, String defaultSchema) {
        RuleSet rules = RulesLoader.load(file, defaultSchema);
        return rules.isEmpty() ? null : rules::apply;
    }
}
