package io.pgflo.camel.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * pgflo's logging, set up in code: one line per event on standard error, at the level {@code PGFLO_LOG_LEVEL}
 * names (INFO by default). Reading the same from a {@code logback.xml} made logback load about 600 classes
 * (its XML configurator and a SAX parser) and took 0.1 to 0.15 s of every start, on the replicator's path to
 * its first message.
 *
 * <p>A logback configuration of the user's own wins: {@code -Dlogback.configurationFile=...}, or a
 * {@code logback.xml} or {@code logback-test.xml} on the class path. Then this configurator steps aside and
 * logback reads that file as usual. Found by logback through {@code META-INF/services}.
 */
public final class PgFloLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    static final String LEVEL_SETTING = "PGFLO_LOG_LEVEL";

    private final boolean userConfiguration;
    private final String setting;

    /** As logback finds it: the JVM's system properties, environment and class path decide. */
    public PgFloLogging() {
        this(System.getProperty("logback.configurationFile") != null
                        || PgFloLogging.class.getClassLoader().getResource("logback-test.xml") != null
                        || PgFloLogging.class.getClassLoader().getResource("logback.xml") != null,
                System.getProperty(LEVEL_SETTING, System.getenv(LEVEL_SETTING)));
    }

    /**
     * @param userConfiguration whether the user gave logback a configuration file of their own
     * @param setting           the level {@code PGFLO_LOG_LEVEL} names, or null
     */
    PgFloLogging(boolean userConfiguration, String setting) {
        this.userConfiguration = userConfiguration;
        this.setting = setting;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfiguration) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        Level level = level(setting);
        root.setLevel(level == null ? Level.INFO : level);
        // HttpClient's header and wire logs print Authorization values in clear text.
        context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.INFO);
        context.getLogger("org.apache.hc.client5.http.wire").setLevel(Level.INFO);
        if (level == null && setting != null && !setting.isBlank()) {
            context.getLogger(PgFloLogging.class).warn("{} is '{}'; expected TRACE, DEBUG, INFO, WARN, ERROR or OFF."
                    + " Logging at INFO", LEVEL_SETTING, setting);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level a setting names, in any case; null for none or an unknown one. */
    static Level level(String setting) {
        if (setting == null) {
            return null;
        }
        return switch (setting.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARN;
            case "ERROR" -> Level.ERROR;
            case "OFF" -> Level.OFF;
            default -> null;
        };
    }
}
