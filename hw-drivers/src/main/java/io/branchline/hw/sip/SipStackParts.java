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
public record SipStackParts(SipStack stack, AddressFactory addresses, HeaderFactory headers, MessageFactory messages,
                            java.util.Set<Thread> scanners) {

    /** A stack named {@code name} (unique in the process) with {@code threads} message threads. */
    public static synchronized SipStackParts create(String name, int threads) throws PeerUnavailableException {
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
        java.util.Set<Thread> before = scannerThreads();
        SipStack stack = f.createSipStack(p);
        java.util.Set<Thread> mine = scannerThreads();
        mine.removeAll(before); // the stack's own event scanner, started as it was made
        return new SipStackParts(stack, f.createAddressFactory(), f.createHeaderFactory(), f.createMessageFactory(),
                java.util.Set.copyOf(mine));
    }

    private static java.util.Set<Thread> scannerThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().equals("EventScannerThread")) {
                out.add(t);
            }
        });
        return out;
    }

    /** A UDP port free on {@code address} now: JAIN-SIP binds only a port it is given, never "any". */
    public static int freeUdpPort(java.net.InetAddress address) throws javax.sip.SipException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new java.net.InetSocketAddress(address, 0))) {
            return probe.getLocalPort();
        } catch (java.net.SocketException e) {
            throw new javax.sip.SipException("cannot find a free UDP port on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the stack for good: its providers and listening points deleted, the stack stopped, and its event
     * scanner woken. The RI's stop marks the scanner stopped but leaves it waiting on its empty queue, a thread
     * that is not a daemon and would keep the JVM from exiting.
     */
    public void stop(javax.sip.SipListener listener) {
        java.util.List<javax.sip.SipProvider> providers = new java.util.ArrayList<>();
        stack.getSipProviders().forEachRemaining(p -> providers.add((javax.sip.SipProvider) p));
        for (javax.sip.SipProvider p : providers) {
            try {
                p.removeSipListener(listener);
                javax.sip.ListeningPoint[] points = p.getListeningPoints();
                stack.deleteSipProvider(p);
                for (javax.sip.ListeningPoint lp : points) {
                    stack.deleteListeningPoint(lp);
                }
            } catch (javax.sip.ObjectInUseException e) {
                // stopped with the stack below
            }
        }
        stack.stop();
        scanners.forEach(Thread::interrupt);
    }
}
