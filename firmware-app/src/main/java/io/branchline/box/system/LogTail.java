package io.branchline.box.system;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.LoggerFactory;

/**
 * The box's newest log lines, kept in memory for the installer's "download the logs" on the admin page (the
 * journal keeps them all; a phone on the LAN has no journalctl). At most {@link #LINES} lines, each cut to
 * 2,000 characters. The box logs no secret, so none is here.
 */
public final class LogTail extends AppenderBase<ILoggingEvent> {
    public static final int LINES = 5_000;
    private final Deque<String> lines = new ArrayDeque<>();

    /** Starts keeping the lines of the root logger; {@link #stop} ends it. */
    public static LogTail attach() {
        LogTail t = new LogTail();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            t.setContext(ctx);
            t.setName("branchline-log-tail");
            t.start();
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(t);
        }
        return t;
    }

    public void detach() {
        if (getContext() instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent e) {
        String line = Instant.ofEpochMilli(e.getTimeStamp()) + " " + e.getLevel() + " " + e.getLoggerName()
                .substring(e.getLoggerName().lastIndexOf('.') + 1) + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage() + ")");
        String cut = line.length() > 2000 ? line.substring(0, 2000) + "…" : line;
        synchronized (lines) {
            lines.addLast(io.branchline.box.store.StoredText.printable(cut));
            if (lines.size() > LINES) {
                lines.removeFirst();
            }
        }
    }

    public String text() {
        synchronized (lines) {
            return String.join("\n", lines) + "\n";
        }
    }
}
