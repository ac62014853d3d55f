package io.branchline.hw.sip;

import java.util.Properties;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * A JAIN-SIP RI stack as the box (and its emulated GoIP) run one: its log through {@link SipLog}, messages
 * bounded to 8 KiB (a GoIP's are well under 2), a few message threads, and the listener re-entered from them;
 * with the factories that build its requests.
 */
public record SipStackParts(SipStack stack, AddressFactory addresses, HeaderFactory headers, MessageFactory messages) {

    /** A stack named {@code name} (unique in the process) with {@code threads} message threads. */
    public static SipStackParts create(String name, int threads) throws PeerUnavailableException {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipLog.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipLog.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "8192");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(threads));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        return new SipStackParts(f.createSipStack(p), f.createAddressFactory(), f.createHeaderFactory(),
                f.createMessageFactory());
    }
}
