package io.branchline.hw.emulator;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import io.branchline.hw.audio.G711;
import io.branchline.hw.sip.RtpSession;
import io.branchline.hw.sip.Sdp;
import io.branchline.hw.sip.SipStackParts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The SIP side of an {@link EmulatedGoip} in "Config by Line" mode: every port is a user agent of its own on
 * its own UDP port, registering its GoIP id with its password at the box (digest by JAIN-SIP's own client
 * helper, not the box's code), refreshing at half the granted time. An INVITE from the box is a GSM call the
 * port places on the emulated network (100, 180 when it rings, 200 with SDP when answered; a busy callee is
 * {@code 480 Remote Busy}, as GoIPs say it); a GSM call to the port's SIM is an INVITE to the box. Voice is
 * G.711 RTP with RFC 2833 keys, spoken and heard by the port's {@link EmulatedGoipVoice}.
 */
final class EmulatedGoipSip implements SipListener, AutoCloseable {
    /** What the port asks for, as a GoIP's default registration expiry. */
    static final int EXPIRES = 60;

    private final InetSocketAddress box;
    private final EmulatedNetwork network;
    private final EmulatedGoip goip;
    private final SipStack stack;
    private final SipStackParts parts;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AuthenticationHelper auth;
    private final Map<SipProvider, EmulatedGoipPort> ports = new ConcurrentHashMap<>();

    EmulatedGoipSip(EmulatedGoip goip, InetSocketAddress box, EmulatedNetwork network) throws SipException {
        this.goip = goip;
        this.box = box;
        this.network = network;
        try {
            parts = SipStackParts.create("emulated-goip-" + System.identityHashCode(this), 2);
            stack = parts.stack();
            addresses = parts.addresses();
            headers = parts.headers();
            messages = parts.messages();
        } catch (javax.sip.PeerUnavailableException e) {
            throw new SipException(e.getMessage(), e);
        }
        auth = ((SipStackExt) stack).getAuthenticationHelper(new Accounts(), headers);
        stack.start();
    }

    /** The digest credentials of the port a challenged REGISTER came from. */
    private final class Accounts implements AccountManager {
        @Override
        public UserCredentials getCredentials(ClientTransaction challenged, String realm) {
            EmulatedGoipPort port = portOf(challenged.getRequest());
            return new UserCredentials() {
                @Override
                public String getUserName() {
                    return port.goipId();
                }

                @Override
                public String getPassword() {
                    return port.sipPassword();
                }

                @Override
                public String getSipDomain() {
                    return box.getAddress().getHostAddress();
                }
            };
        }
    }

    private EmulatedGoipPort portOf(Request r) {
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        return ports.values().stream().filter(p -> p.sip != null && p.sip.localPort == via.getPort()).findFirst()
                .orElseThrow();
    }

    /** The SIP state of one port: its user agent and its call. */
    final class Agent {
        final EmulatedGoipPort port;
        final SipProvider provider;
        final int localPort;
        volatile boolean registered;
        volatile int registerStatus;
        volatile Call call;

        Agent(EmulatedGoipPort port, SipProvider provider, int localPort) {
            this.port = port;
            this.provider = provider;
            this.localPort = localPort;
        }
    }

    /** One call on a port, either way, and the network's id for it while the GSM side is up. */
    final class Call {
        final Agent agent;
        final boolean toBox;
        final String number;
        final EmulatedGoipVoice voice;
        volatile ServerTransaction inviteIn;
        volatile ClientTransaction inviteOut;
        volatile Dialog dialog;
        volatile long networkId = -1;
        volatile boolean answered;
        volatile boolean over;
        volatile String toTag = Long.toHexString(System.nanoTime());

        Call(Agent agent, boolean toBox, String number, EmulatedGoipVoice voice) {
            this.agent = agent;
            this.toBox = toBox;
            this.number = number;
            this.voice = voice;
        }
    }

    /** Gives {@code port} its own SIP port and registers it now and every half expiry. */
    void add(EmulatedGoipPort port) throws SipException {
        try {
            int free = SipStackParts.freeUdpPort(InetAddress.getLoopbackAddress());
            ListeningPoint lp = stack.createListeningPoint(InetAddress.getLoopbackAddress().getHostAddress(), free, "udp");
            SipProvider provider = stack.createSipProvider(lp);
            provider.addSipListener(this);
            port.sip = new Agent(port, provider, free);
            ports.put(provider, port);
        } catch (javax.sip.InvalidArgumentException | javax.sip.TransportNotSupportedException
                 | javax.sip.ObjectInUseException | java.util.TooManyListenersException e) {
            throw new SipException("cannot open a SIP port for " + port.goipId() + ": " + e.getMessage(), e);
        }
        goip.timer().scheduleAtFixedRate(() -> register(port.sip), 0, EXPIRES / 2, TimeUnit.SECONDS);
    }

    void register(Agent a) {
        if (a.port.closed()) {
            return;
        }
        try {
            SipURI registrar = addresses.createSipURI(null, host(box));
            registrar.setPort(box.getPort());
            SipURI me = addresses.createSipURI(a.port.goipId(), host(box));
            Request r = messages.createRequest(registrar, Request.REGISTER, a.provider.getNewCallId(),
                    headers.createCSeqHeader(1L, Request.REGISTER),
                    headers.createFromHeader(addresses.createAddress(me), tag()),
                    headers.createToHeader(addresses.createAddress(me), null), via(a),
                    headers.createMaxForwardsHeader(70));
            r.addHeader(contact(a));
            r.addHeader(headers.createExpiresHeader(EXPIRES));
            a.provider.getNewClientTransaction(r).sendRequest();
        } catch (Exception e) {
            a.registered = false;
        }
    }

    private List<ViaHeader> via(Agent a) throws java.text.ParseException, javax.sip.InvalidArgumentException {
        return new java.util.ArrayList<>(List.of(headers.createViaHeader(InetAddress.getLoopbackAddress()
                .getHostAddress(), a.localPort, "udp", null)));
    }

    private ContactHeader contact(Agent a) throws java.text.ParseException {
        SipURI uri = addresses.createSipURI(a.port.goipId(), InetAddress.getLoopbackAddress().getHostAddress());
        uri.setPort(a.localPort);
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress().getHostAddress();
    }

    private static String tag() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    // ---- the box's requests: a GSM call out, its end ---------------------------------------------------

    @Override
    public void processRequest(RequestEvent e) {
        EmulatedGoipPort port = ports.get((SipProvider) e.getSource());
        if (port == null) {
            return;
        }
        Agent a = port.sip;
        Request req = e.getRequest();
        try {
            ServerTransaction st = e.getServerTransaction() != null ? e.getServerTransaction()
                    : Request.ACK.equals(req.getMethod()) ? null : a.provider.getNewServerTransaction(req);
            switch (req.getMethod()) {
                case Request.INVITE -> invited(a, st, req);
                case Request.ACK -> { }
                case Request.BYE -> {
                    st.sendResponse(messages.createResponse(Response.OK, req));
                    Call c = a.call;
                    if (c != null) {
                        ended(c, true);
                    }
                }
                case Request.CANCEL -> {
                    st.sendResponse(messages.createResponse(Response.OK, req));
                    Call c = a.call;
                    if (c != null && !c.toBox && !c.answered) {
                        respond(c, Response.REQUEST_TERMINATED, null);
                        ended(c, true);
                    }
                }
                default -> st.sendResponse(messages.createResponse(Response.OK, req));
            }
        } catch (Exception ex) {
            // the box retransmits; the emulator must not stop on one request
        }
    }

    private void invited(Agent a, ServerTransaction st, Request req) throws Exception {
        Optional<Sdp.Audio> offer = Sdp.audio(req.getRawContent());
        String number = req.getRequestURI() instanceof SipURI u && u.getUser() != null ? u.getUser() : "";
        if (a.call != null || !a.port.canCall()) {
            // "Config by Line": a line that is busy (or whose GSM side is logged out) answers 503 (User Manual)
            st.sendResponse(messages.createResponse(Response.SERVICE_UNAVAILABLE, req));
            return;
        }
        if (offer.isEmpty() || offer.get().law().isEmpty()) {
            st.sendResponse(messages.createResponse(Response.NOT_ACCEPTABLE_HERE, req));
            return;
        }
        EmulatedGoipVoice voice = a.port.voice().open(offer.get().law().get(), offer.get().address());
        Call c = new Call(a, false, number, voice);
        c.inviteIn = st;
        a.call = c;
        st.sendResponse(messages.createResponse(Response.TRYING, req));
        int index = a.port.index();
        c.networkId = network.originate(new EmulatedNetwork.Caller() {
            @Override
            public String ownNumber() {
                return a.port.number();
            }

            @Override
            public void callProgress(int i, EmulatedCalls.State s) {
                if (c.over) {
                    return;
                }
                if (s == EmulatedCalls.State.ALERTING) {
                    respond(c, Response.RINGING, null);
                } else if (s == EmulatedCalls.State.ACTIVE) {
                    c.answered = true;
                    respond(c, Response.OK, voice);
                    c.dialog = c.inviteIn.getDialog();
                    voice.talking(true);
                }
            }

            @Override
            public void callEnded(int i, EmulatedNetwork.End how) {
                if (c.over) {
                    return;
                }
                if (c.answered) {
                    bye(c);
                } else {
                    switch (how) {
                        case BUSY -> respond(c, Response.TEMPORARILY_UNAVAILABLE, null, "Remote Busy");
                        case NO_ANSWER -> respond(c, Response.REQUEST_TIMEOUT, null);
                        case REJECTED -> respond(c, Response.DECLINE, null);
                        case NORMAL -> respond(c, Response.TEMPORARILY_UNAVAILABLE, null);
                    }
                }
                ended(c, false);
            }
        }, index, number);
    }

    private void respond(Call c, int status, EmulatedGoipVoice sdp) {
        respond(c, status, sdp, null);
    }

    private void respond(Call c, int status, EmulatedGoipVoice sdp, String reason) {
        try {
            Response r = messages.createResponse(status, c.inviteIn.getRequest());
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            if (status > 100) {
                ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(c.toTag);
            }
            if (sdp != null) {
                r.addHeader(contact(c.agent));
                r.setContent(Sdp.describe(InetAddress.getLoopbackAddress().getHostAddress(), sdp.localPort(),
                        List.of(sdp.law()), System.currentTimeMillis()), headers.createContentTypeHeader("application", "sdp"));
            }
            c.inviteIn.sendResponse(r);
        } catch (Exception e) {
            // the call ends by the box's timer
        }
    }

    private void bye(Call c) {
        try {
            Dialog d = c.dialog;
            if (d != null) {
                d.sendRequest(c.agent.provider.getNewClientTransaction(d.createRequest(Request.BYE)));
            }
        } catch (Exception e) {
            // the box hangs up a silent call by itself
        }
    }

    /** The call is over here; the network hears of it when the box ended it. */
    private void ended(Call c, boolean byBox) {
        if (c.over) {
            return;
        }
        c.over = true;
        c.voice.close();
        if (c.agent.call == c) {
            c.agent.call = null;
        }
        if (byBox && c.networkId >= 0 && !c.toBox) {
            network.release(c.networkId, c.agent.port.number(), c.number);
        }
    }

    // ---- a GSM call to the port's SIM, placed to the box ------------------------------------------------

    /** A caller rings the port's SIM: the port sends the box an INVITE. Null when a call is up already. */
    Call ring(Agent a, String caller) throws Exception {
        if (a.call != null) {
            return null;
        }
        EmulatedGoipVoice voice = a.port.voice().open(G711.Law.PCMA, null);
        Call c = new Call(a, true, caller, voice);
        a.call = c;
        SipURI target = addresses.createSipURI(a.port.goipId(), host(box));
        target.setPort(box.getPort());
        SipURI from = addresses.createSipURI(caller.isEmpty() ? "anonymous" : caller,
                InetAddress.getLoopbackAddress().getHostAddress());
        Request invite = messages.createRequest(target, Request.INVITE, a.provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(addresses.createAddress(from), tag()),
                headers.createToHeader(addresses.createAddress(target), null), via(a), headers.createMaxForwardsHeader(70));
        invite.addHeader(contact(a));
        invite.setContent(Sdp.describe(InetAddress.getLoopbackAddress().getHostAddress(), voice.localPort(),
                List.of(G711.Law.PCMA, G711.Law.PCMU), System.currentTimeMillis()),
                headers.createContentTypeHeader("application", "sdp"));
        c.inviteOut = a.provider.getNewClientTransaction(invite);
        c.inviteOut.sendRequest();
        return c;
    }

    /** The caller of a call to the box hangs up: CANCEL while it rings, BYE once answered. */
    void callerHangsUp(Call c) {
        try {
            if (c.answered) {
                bye(c);
            } else if (c.inviteOut != null && !c.over) {
                c.agent.provider.getNewClientTransaction(c.inviteOut.createCancel()).sendRequest();
            }
        } catch (Exception e) {
            // already over
        }
        ended(c, false);
    }

    // ---- responses to the port's requests -------------------------------------------------------------

    @Override
    public void processResponse(ResponseEvent e) {
        EmulatedGoipPort port = ports.get((SipProvider) e.getSource());
        if (port == null) {
            return;
        }
        Agent a = port.sip;
        Response r = e.getResponse();
        String method = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
        int status = r.getStatusCode();
        try {
            if (Request.REGISTER.equals(method)) {
                a.registerStatus = status;
                if (status == Response.UNAUTHORIZED && e.getClientTransaction() != null
                        && e.getClientTransaction().getRequest().getHeader(javax.sip.header.AuthorizationHeader.NAME) == null) {
                    auth.handleChallenge(r, e.getClientTransaction(), a.provider, 5).sendRequest();
                } else {
                    a.registered = status == Response.OK;
                }
                return;
            }
            Call c = a.call;
            if (!Request.INVITE.equals(method) || c == null || !c.toBox) {
                return;
            }
            if (status >= 200 && status < 300) {
                Dialog d = e.getDialog() != null ? e.getDialog() : e.getClientTransaction().getDialog();
                d.sendAck(d.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber()));
                c.dialog = d;
                if (c.over) {
                    bye(c); // the caller gave up as the box answered
                    return;
                }
                Sdp.audio(r.getRawContent()).ifPresent(s -> c.voice.remote(s.address()));
                c.answered = true;
                c.voice.talking(true);
            } else if (status >= 300) {
                ended(c, false);
            }
        } catch (Exception ex) {
            // a response the port cannot use: the call ends by its timers
        }
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        if (!e.isServerTransaction()) {
            Request r = e.getClientTransaction().getRequest();
            EmulatedGoipPort port = ports.get((SipProvider) e.getSource());
            if (port != null && Request.REGISTER.equals(r.getMethod())) {
                port.sip.registered = false;
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
    }

    @Override
    public void close() {
        ports.values().forEach(p -> {
            Call c = p.sip.call;
            if (c != null) {
                c.voice.close();
            }
        });
        parts.stop(this);
    }
}
