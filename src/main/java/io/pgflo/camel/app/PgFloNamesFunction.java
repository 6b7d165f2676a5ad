package io.pgflo.camel.app;

import io.pgflo.camel.naming.PgFloNames;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * Lets routes name a group's objects without repeating pg_flo's naming rules: {@code {{pgflo:stream}}},
 * {@code {{pgflo:subject}}}, {@code {{pgflo:consumer}}}, {@code {{pgflo:dlq-stream}}},
 * {@code {{pgflo:dlq-subject}}}, {@code {{pgflo:slot}}}, {@code {{pgflo:publication}}} and
 * {@code {{pgflo:state-bucket}}}, all for the group in property {@code pgflo.group}.
 */
@org.apache.camel.spi.annotations.PropertiesFunction("pgflo")
public class PgFloNamesFunction implements PropertiesFunction, CamelContextAware {

    private CamelContext camelContext;

    @Override
    public String getName() {
        return "pgflo";
    }

    @Override
    public String apply(String remainder) {
        String group = camelContext.getPropertiesComponent().resolveProperty("pgflo.group")
                .orElseThrow(() -> new IllegalArgumentException("{{pgflo:" + remainder + "}} needs property pgflo.group"
                        + " (pg_flo's --group)"));
        return switch (remainder) {
            case "stream" -> PgFloNames.stream(group);
            case "subject" -> PgFloNames.subject(group);
            case "consumer" -> PgFloNames.durableConsumer(group);
            case "dlq-stream" -> PgFloNames.deadLetterStream(group);
            case "dlq-subject" -> PgFloNames.deadLetterSubject(group);
            case "slot" -> PgFloNames.replicationSlot(group);
            case "publication" -> PgFloNames.publication(group);
            case "state-bucket" -> PgFloNames.stateBucket(group);
            default -> throw new IllegalArgumentException("{{pgflo:" + remainder + "}} is not a name; expected stream, subject,"
                    + " consumer, dlq-stream, dlq-subject, slot, publication or state-bucket");
        };
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
