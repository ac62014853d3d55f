package io.branchline.hw.sip;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's logging into SLF4J. The stack's default logger needs log4j 1.x, which the box does not carry
 * (the stack fails to start without it); this one keeps the stack's own chatter at debug and its errors at
 * warn, and logs no message bodies (they carry digest responses and numbers).
 */
public final class SipLog implements StackLogger, ServerLogger {
    private static final Logger log = LoggerFactory.getLogger("io.branchline.hw.sip.stack");

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        log.warn("event=sip-stack-exception", ex);
    }

    @Override
    public void logDebug(String message) {
        log.debug("{}", message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        log.debug("{}", message, ex);
    }

    @Override
    public void logTrace(String message) {
        log.trace("{}", message);
    }

    @Override
    public void logFatalError(String message) {
        log.error("event=sip-stack-fatal message=\"{}\"", message);
    }

    @Override
    public void logError(String message) {
        log.warn("event=sip-stack-error message=\"{}\"", message);
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof InterruptedException) {
            // the event scanner woken as its stack stops (SipStackParts.stop): the end, not a fault
            log.debug("event=sip-stack-stopped message=\"{}\"", message);
            return;
        }
        log.warn("event=sip-stack-error message=\"{}\"", message, ex);
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return logLevel <= TRACE_WARN ? log.isWarnEnabled() : log.isDebugEnabled();
    }

    @Override
    public void logWarning(String message) {
        log.warn("event=sip-stack-warning message=\"{}\"", message);
    }

    @Override
    public void logInfo(String message) {
        log.debug("{}", message);
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return "branchline";
    }

    // ServerLogger: the stack's message log, which would hold every SIP message whole.
    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(gov.nist.javax.sip.message.SIPMessage message, String from, String to, boolean sender,
                           long time) {
    }

    @Override
    public void logMessage(gov.nist.javax.sip.message.SIPMessage message, String from, String to, String status,
                           boolean sender, long time) {
    }

    @Override
    public void logMessage(gov.nist.javax.sip.message.SIPMessage message, String from, String to, String status,
                           boolean sender) {
    }

    @Override
    public void logException(Exception ex) {
        log.warn("event=sip-stack-exception", ex);
    }

    @Override
    public void setSipStack(SipStack sipStack) {
    }
}
