package io.branchline.box.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The box's log lines: what journald gets, set up in code. */
class LogFormatTest {
    @Test
    void theBoxLogsWithThisSetupNotWithAFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var stderr = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, stderr);
        assertEquals(LogFormat.PATTERN, ((PatternLayoutEncoder) console.getEncoder()).getPattern());
        assertEquals(Level.WARN, context.getLogger("io.helidon").getLevel());
    }

    @Test
    void oneLinePerEventToStderrWithTheLevelTheSourceAndAShortTrace() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as SLF4J gives its own
        try {
            LogFormat format = new LogFormat();
            format.setContext(context);
            format.configure(context);
            var stderr = (ConsoleAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            assertEquals("System.err", stderr.getTarget());
            stderr.setOutputStream(captured); // what it would write to stderr
            context.getLogger("io.branchline.box.call.CallWatch").info("event=call-ended call={} cause=busy", "c-1");
            context.getLogger("io.branchline.box.call.CallWatch").debug("event=not-shown");
            context.getLogger("org.jooq.Constants").info("the jOOQ banner");
            context.getLogger("io.helidon.webserver.X").warn("event=slow", new IllegalStateException("why"));
        } finally {
            context.stop();
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO "
                + " CallWatch event=call-ended call=c-1 cause=busy"), lines[0]);
        assertTrue(lines[1].contains("WARN  X event=slow"), lines[1]);
        assertTrue(lines[2].contains("java.lang.IllegalStateException: why"), lines[2]);
        assertTrue(lines.length <= 4, "a short trace, no debug, no jOOQ chatter: " + String.join(" | ", lines));
    }

    @Test
    void theBoxsLevelComesFromTheEnvironmentAndFallsBackToInfo() {
        assertEquals(Level.DEBUG, LogFormat.boxLevel("debug"));
        assertEquals(Level.WARN, LogFormat.boxLevel(" WARN "));
        assertEquals(Level.INFO, LogFormat.boxLevel(null));
        assertEquals(Level.INFO, LogFormat.boxLevel("loud"));
    }
}
