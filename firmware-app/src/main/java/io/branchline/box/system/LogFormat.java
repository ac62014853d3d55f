package io.branchline.box.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * The box's logging, set up in code (Logback finds this through its service file): one line per event, no
 * colours, to stderr, where journald keeps it under systemd and stdout stays clean for the CLI's output.
 * In code rather than in a logback.xml: reading XML costs Logback's Joran and the JDK's XML parser, about
 * 400 classes the box would keep loaded for as long as it runs. {@code -Dlogback.configurationFile=F} still
 * takes a file of the installer's own instead.
 */
public final class LogFormat extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %msg%n%ex{short}";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // java.util.logging (Helidon) is bridged in Main; its levels follow these so that it stays cheap.
        LevelChangePropagator jul = new LevelChangePropagator();
        jul.setContext(context);
        jul.setResetJUL(true);
        context.addListener(jul);
        jul.start();

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
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.helidon").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("org.jooq").setLevel(Level.WARN);
        context.getLogger("io.branchline").setLevel(boxLevel(System.getenv("BRANCHLINE_LOG_LEVEL")));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** BRANCHLINE_LOG_LEVEL (DEBUG, INFO, WARN, ERROR), INFO when unset or not a level. */
    static Level boxLevel(String env) {
        return env == null || env.isBlank() ? Level.INFO : Level.toLevel(env.strip().toUpperCase(Locale.ROOT), Level.INFO);
    }
}
