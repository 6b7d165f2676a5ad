package io.pgflo.camel.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PgFloLoggingTest {

    private static Logger root(LoggerContext context) {
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void logsToStandardErrorAtInfoByDefault() {
        LoggerContext context = new LoggerContext();
        assertThat(new PgFloLogging(false, null).configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root(context).getLevel()).isEqualTo(Level.INFO);
        Appender<ILoggingEvent> appender = root(context).getAppender("STDERR");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(console.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(PgFloLogging.PATTERN);
        // Their DEBUG output holds Authorization headers in clear text.
        assertThat(context.getLogger("org.apache.hc.client5.http.headers").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.hc.client5.http.wire").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void theLevelSettingIsReadInAnyCase() {
        LoggerContext context = new LoggerContext();
        new PgFloLogging(false, " debug ").configure(context);
        assertThat(root(context).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.hc.client5.http.wire").getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void anUnknownLevelIsReportedAndInfoUsed() {
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        root(context).addAppender(seen);
        new PgFloLogging(false, "verbose").configure(context);
        assertThat(root(context).getLevel()).isEqualTo(Level.INFO);
        assertThat(seen.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("PGFLO_LOG_LEVEL is 'verbose'", "INFO");
        });
    }

    @Test
    void aConfigurationOfTheUsersOwnWins() {
        LoggerContext context = new LoggerContext();
        assertThat(new PgFloLogging(true, "DEBUG").configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(root(context).iteratorForAppenders().hasNext()).isFalse();
        assertThat(root(context).getLevel()).isEqualTo(Level.DEBUG); // logback's own default, untouched
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(ServiceLoader.Provider::type)).contains(PgFloLogging.class);
    }
}
