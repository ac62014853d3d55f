package io.branchline.hw.sip;

import io.branchline.hw.audio.G711;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
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
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The box's SIP side toward GoIP ports in the GoIP's "Config by Line" mode: each port registers its own
 * account with the box (digest authentication, RFC 3261 22), the box places a port's calls with an INVITE to
 * the contact it registered, and a GSM call to the port comes to the box as an INVITE. UDP only, as GoIPs
 * speak it; the stack is NIST's JAIN-SIP reference implementation, whose transactions absorb the GoIP's
 * quick retransmissions (its T1 is 200 ms). {@code 480 Remote Busy}, which GoIPs send for a busy callee, is
 * read as busy.
 */
public final class SipServer implements SipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipServer.class);
    public static final String REALM = "branchline";
    /** The longest registration the box grants (GoIPs ask for 60 s by default). */
    public static final int MAX_EXPIRES = 3600;
    /** Calls one port's account may have open at once: its call, and one more being turned away. */
    static final int MAX_LEGS_PER_ACCOUNT = 2;

    private final InetSocketAddress bind;
    private final Map<String, String> accounts;
    private final Clock clock;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final List<Consumer<SipCall>> incoming = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> registrations = new CopyOnWriteArrayList<>();
    private SipStack stack;
    private SipStackParts parts;
    private SipProvider provider;
    private AddressFactory addresses;
    private HeaderFactory headers;
    private MessageFactory messages;
    private final DigestCheck digest;

    /** Where a port's account registered from, until when. */
    public record Binding(InetSocketAddress contact, Instant until) {
    }

    /** A call's SIP state beside the call itself. */
    private static final class Leg {
        final SipCall call;
        volatile ClientTransaction invite;
        volatile ServerTransaction inviteIn;
        volatile Request inviteRequest;
        volatile Dialog dialog;
        volatile String toTag;
        volatile boolean hangUpWanted;

        Leg(SipCall call) {
            this.call = call;
        }
    }

    /** The line cannot take a call now: its account has not registered, or the stack refused the INVITE. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** @param accounts each GoIP port's SIP user name and password */
    public SipServer(InetSocketAddress bind, Map<String, String> accounts, Clock clock) {
        this.bind = bind;
        this.accounts = Map.copyOf(accounts);
        this.clock = clock;
        this.digest = new DigestCheck(clock);
    }

    public synchronized void start() throws SipException {
        try {
            parts = SipStackParts.create("branchline-" + System.identityHashCode(this), 4);
            stack = parts.stack();
            addresses = parts.addresses();
            headers = parts.headers();
            messages = parts.messages();
            ListeningPoint lp = stack.createListeningPoint(bind.getAddress().getHostAddress(), portToBind(), "udp");
            provider = stack.createSipProvider(lp);
            provider.addSipListener(this);
            stack.start();
        } catch (javax.sip.PeerUnavailableException | javax.sip.TransportNotSupportedException
                 | javax.sip.InvalidArgumentException | javax.sip.ObjectInUseException
                 | java.util.TooManyListenersException e) {
            throw new SipException("cannot start SIP on UDP " + bind + ": " + e.getMessage(), e);
        }
        log.info("event=sip-listening address={}:{} accounts={}", host(), port(), accounts.size());
    }

    /** The configured port, or for 0 one the system has free now. */
    private int portToBind() throws SipException {
        return bind.getPort() != 0 ? bind.getPort() : SipStackParts.freeUdpPort(bind.getAddress());
    }

    public int port() {
        return provider.getListeningPoint("udp").getPort();
    }

    private String host() {
        return provider.getListeningPoint("udp").getIPAddress();
    }

    /** The contact {@code account} registered, while its registration lasts. */
    public Optional<InetSocketAddress> contact(String account) {
        Binding b = bindings.get(account);
        return b != null && b.until().isAfter(clock.instant()) ? Optional.of(b.contact()) : Optional.empty();
    }

    /** Hears the account whose registration came, moved or went (an expired one when it is next asked for). */
    public void onRegistration(Consumer<String> listener) {
        registrations.add(listener);
    }

    public void onIncoming(Consumer<SipCall> listener) {
        incoming.add(listener);
    }

    // ---- the GoIP's requests --------------------------------------------------------------------------

    @Override
    public void processRequest(RequestEvent e) {
        Request req = e.getRequest();
        try {
            switch (req.getMethod()) {
                case Request.REGISTER -> register(e);
                case Request.INVITE -> invited(e);
                case Request.ACK -> acked(req);
                case Request.BYE -> bye(e);
                case Request.CANCEL -> cancelled(e);
                case Request.OPTIONS -> respond(e, Response.OK);
                default -> respond(e, Response.METHOD_NOT_ALLOWED);
            }
        } catch (Exception ex) {
            // One bad request never stops the stack; the GoIP retransmits or gives up.
            log.warn("event=sip-request-failed method={} error=\"{}\"", req.getMethod(), ex.getMessage());
        }
    }

    private ServerTransaction transaction(RequestEvent e) throws SipException {
        ServerTransaction st = e.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(e.getRequest());
    }

    private void respond(RequestEvent e, int status) throws Exception {
        transaction(e).sendResponse(messages.createResponse(status, e.getRequest()));
    }

    private static String user(Address a) {
        return a.getURI() instanceof SipURI u && u.getUser() != null ? u.getUser() : "";
    }

    private void register(RequestEvent e) throws Exception {
        Request req = e.getRequest();
        ServerTransaction st = transaction(e);
        String account = user(((ToHeader) req.getHeader(ToHeader.NAME)).getAddress());
        String password = accounts.get(account);
        if (password == null) {
            log.warn("event=sip-register-refused account=\"{}\" why=\"unknown account\"",
                    account.replaceAll("\\p{Cntrl}", "?"));
            st.sendResponse(messages.createResponse(Response.FORBIDDEN, req));
            return;
        }
        if (!digest.valid((javax.sip.header.AuthorizationHeader) req.getHeader(javax.sip.header.AuthorizationHeader.NAME),
                req.getMethod(), REALM, password)) {
            Response challenge = messages.createResponse(Response.UNAUTHORIZED, req);
            javax.sip.header.WWWAuthenticateHeader www = headers.createWWWAuthenticateHeader("Digest");
            www.setRealm(REALM);
            www.setNonce(digest.nonce());
            www.setAlgorithm("MD5");
            challenge.addHeader(www);
            st.sendResponse(challenge);
            return;
        }
        ContactHeader contact = (ContactHeader) req.getHeader(ContactHeader.NAME);
        ExpiresHeader expiresHeader = req.getExpires();
        int expires = contact != null && contact.getExpires() >= 0 ? contact.getExpires()
                : expiresHeader != null ? expiresHeader.getExpires() : 60;
        expires = Math.min(expires, MAX_EXPIRES);
        Response ok = messages.createResponse(Response.OK, req);
        if (contact == null || expires == 0) {
            if (bindings.remove(account) != null) {
                registrations.forEach(l -> l.accept(account));
            }
            log.info("event=sip-unregistered account={}", account);
        } else if (contact.getAddress().getURI() instanceof SipURI uri) {
            InetSocketAddress at;
            try {
                at = new InetSocketAddress(InetAddress.ofLiteral(uri.getHost()), uri.getPort() > 0 ? uri.getPort() : 5060);
            } catch (IllegalArgumentException notAnAddress) {
                // a GoIP on the LAN registers its IP address; a name would need DNS the box does not do
                st.sendResponse(messages.createResponse(Response.BAD_REQUEST, req));
                return;
            }
            Binding before = bindings.put(account, new Binding(at, clock.instant().plusSeconds(expires)));
            if (before == null || !before.contact().equals(at) || !before.until().isAfter(clock.instant())) {
                log.info("event=sip-registered account={} contact={} expires={}", account, at, expires);
                registrations.forEach(l -> l.accept(account));
            }
            contact.setExpires(expires);
            ok.addHeader(contact);
        }
        ok.addHeader(headers.createExpiresHeader(expires));
        st.sendResponse(ok);
    }

    /**
     * The account a request comes from: the port whose registered contact it was sent from (a GoIP sends
     * from the address it registered), else the one its request line names.
     */
    private Optional<String> accountOf(Request req) {
        if (req instanceof gov.nist.javax.sip.message.SIPMessage m && m.getRemoteAddress() != null) {
            InetSocketAddress from = new InetSocketAddress(m.getRemoteAddress(), m.getRemotePort());
            for (Map.Entry<String, Binding> b : bindings.entrySet()) {
                if (b.getValue().contact().equals(from) && b.getValue().until().isAfter(clock.instant())) {
                    return Optional.of(b.getKey());
                }
            }
        }
        String named = req.getRequestURI() instanceof SipURI u && u.getUser() != null ? u.getUser() : "";
        return accounts.containsKey(named) && contact(named).isPresent() ? Optional.of(named) : Optional.empty();
    }

    private void invited(RequestEvent e) throws Exception {
        Request req = e.getRequest();
        ServerTransaction st = transaction(e);
        String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
        if (legs.containsKey(callId)) {
            return; // a retransmission the transaction layer let through
        }
        Optional<String> from = accountOf(req);
        if (from.isEmpty()) {
            st.sendResponse(messages.createResponse(Response.FORBIDDEN, req));
            return;
        }
        String account = from.get();
        Optional<Sdp.Audio> offer = Sdp.audio(req.getRawContent());
        if (offer.isEmpty() || offer.get().law().isEmpty()) {
            st.sendResponse(messages.createResponse(Response.NOT_ACCEPTABLE_HERE, req));
            return;
        }
        // The GSM caller's number is the From's user part ("" when withheld: anonymous, or no digits).
        String number = user(((FromHeader) req.getHeader(FromHeader.NAME)).getAddress());
        SipCall call;
        Leg leg;
        synchronized (legs) { // the stack hands requests over on several threads: count and add as one step
            if (legs.containsKey(callId)) {
                return;
            }
            if (legs.values().stream().filter(l -> l.call.account().equals(account)).count() >= MAX_LEGS_PER_ACCOUNT) {
                // A port carries one call; a flood of INVITEs (a looping or hostile sender) gets no sockets or threads.
                st.sendResponse(messages.createResponse(Response.BUSY_HERE, req));
                return;
            }
            RtpSession rtp = RtpSession.open(new InetSocketAddress(bind.getAddress(), 0), offer.get().law().get());
            rtp.remote(offer.get().address());
            call = new SipCall(callId, account, number.matches("\\+?[0-9]{1,20}") ? number : "", true, rtp);
            leg = new Leg(call);
            leg.inviteIn = st;
            leg.inviteRequest = req;
            leg.toTag = tag();
            legs.put(callId, leg);
        }
        call.answer = () -> answerIncoming(leg);
        call.hangUp = () -> hangUp(leg);
        Response ringing = messages.createResponse(Response.RINGING, req);
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(leg.toTag);
        st.sendResponse(ringing);
        call.ended().thenRun(() -> legs.remove(callId));
        log.info("event=sip-incoming account={} call={}", account, callId);
        incoming.forEach(l -> l.accept(call));
    }

    private void answerIncoming(Leg leg) {
        try {
            Response ok = messages.createResponse(Response.OK, leg.inviteRequest);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(leg.toTag);
            ok.addHeader(ourContact());
            ok.setContent(Sdp.describe(host(), leg.call.rtp().localPort(), List.of(leg.call.rtp().law()),
                    System.currentTimeMillis()), headers.createContentTypeHeader("application", "sdp"));
            leg.inviteIn.sendResponse(ok);
            leg.dialog = leg.inviteIn.getDialog();
            leg.call.active(clock.instant());
        } catch (Exception ex) {
            log.warn("event=sip-answer-failed call={} error=\"{}\"", leg.call.id(), ex.getMessage());
            leg.call.ended(SipCall.End.FAILED, "could not answer: " + ex.getMessage());
        }
    }

    private void acked(Request req) {
        // The GoIP's ACK of the box's 200 OK: the call is up already.
    }

    private void bye(RequestEvent e) throws Exception {
        respond(e, Response.OK);
        Leg leg = legs.get(((CallIdHeader) e.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
        if (leg != null) {
            leg.call.ended(SipCall.End.NORMAL, "the far end hung up");
        }
    }

    private void cancelled(RequestEvent e) throws Exception {
        respond(e, Response.OK);
        Leg leg = legs.get(((CallIdHeader) e.getRequest().getHeader(CallIdHeader.NAME)).getCallId());
        if (leg != null && leg.inviteIn != null && leg.call.phase() != SipCall.Phase.ACTIVE) {
            Response terminated = messages.createResponse(Response.REQUEST_TERMINATED, leg.inviteRequest);
            ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag(leg.toTag);
            leg.inviteIn.sendResponse(terminated);
            leg.call.ended(SipCall.End.CANCELLED, "the caller hung up before it was answered");
        }
    }

    // ---- the box's calls ------------------------------------------------------------------------------

    /** Places a call to {@code number} on the GoIP port whose account is {@code account}. */
    public SipCall call(String account, String number) throws Unavailable {
        if (!number.matches("\\+?[0-9]{1,20}")) {
            throw new IllegalArgumentException("number: digits only (a number, never a service code)");
        }
        InetSocketAddress to = contact(account).orElseThrow(() -> new Unavailable("GoIP account \"" + account
                + "\" has not registered its SIP contact"));
        try {
            RtpSession rtp = RtpSession.open(new InetSocketAddress(bind.getAddress(), 0), G711.Law.PCMA);
            SipURI target = addresses.createSipURI(number, to.getAddress().getHostAddress());
            target.setPort(to.getPort());
            CallIdHeader callId = provider.getNewCallId();
            FromHeader from = headers.createFromHeader(addresses.createAddress(addresses.createSipURI(account, host())),
                    tag());
            ToHeader toHeader = headers.createToHeader(addresses.createAddress(target), null);
            List<ViaHeader> via = new ArrayList<>(List.of(headers.createViaHeader(host(), port(), "udp", null)));
            Request invite = messages.createRequest(target, Request.INVITE, callId,
                    headers.createCSeqHeader(1L, Request.INVITE), from, toHeader, via, headers.createMaxForwardsHeader(70));
            invite.addHeader(ourContact());
            invite.setContent(Sdp.describe(host(), rtp.localPort(), List.of(G711.Law.PCMA, G711.Law.PCMU),
                    System.currentTimeMillis()), headers.createContentTypeHeader("application", "sdp"));
            SipCall call = new SipCall(callId.getCallId(), account, number, false, rtp);
            Leg leg = new Leg(call);
            leg.inviteRequest = invite;
            legs.put(call.id(), leg);
            call.hangUp = () -> hangUp(leg);
            call.ended().thenRun(() -> legs.remove(call.id()));
            leg.invite = provider.getNewClientTransaction(invite);
            leg.invite.sendRequest();
            log.info("event=sip-invite account={} call={}", account, call.id());
            return call;
        } catch (SocketException | SipException | java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new Unavailable("the INVITE could not be sent: " + e.getMessage());
        }
    }

    private ContactHeader ourContact() throws java.text.ParseException {
        SipURI me = addresses.createSipURI("branchline", host());
        me.setPort(port());
        return headers.createContactHeader(addresses.createAddress(me));
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private void hangUp(Leg leg) {
        SipCall call = leg.call;
        try {
            if (call.phase() == SipCall.Phase.ENDED) {
                return;
            }
            if (call.phase() == SipCall.Phase.ACTIVE && leg.dialog != null) {
                Request bye = leg.dialog.createRequest(Request.BYE);
                leg.dialog.sendRequest(provider.getNewClientTransaction(bye));
                call.ended(SipCall.End.NORMAL, "the box hung up");
            } else if (!call.incoming() && leg.invite != null) {
                leg.hangUpWanted = true;
                Request cancel = leg.invite.createCancel();
                provider.getNewClientTransaction(cancel).sendRequest();
                // ended when the 487 comes, or by the 200 OK's ACK and BYE if the answer crossed the CANCEL
            } else if (call.incoming() && leg.inviteIn != null) {
                Response busy = messages.createResponse(Response.BUSY_HERE, leg.inviteRequest);
                ((ToHeader) busy.getHeader(ToHeader.NAME)).setTag(leg.toTag);
                leg.inviteIn.sendResponse(busy);
                call.ended(SipCall.End.REJECTED, "the box declined it");
            }
        } catch (Exception e) {
            log.warn("event=sip-hangup-failed call={} error=\"{}\"", call.id(), e.getMessage());
            call.ended(SipCall.End.FAILED, "hang-up failed: " + e.getMessage());
        }
    }

    @Override
    public void processResponse(ResponseEvent e) {
        Response r = e.getResponse();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        Leg leg = legs.get(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
        if (leg == null) {
            return;
        }
        SipCall call = leg.call;
        int status = r.getStatusCode();
        try {
            if (status < 200) {
                if (status == Response.RINGING || status == Response.SESSION_PROGRESS) {
                    Sdp.audio(r.getRawContent()).ifPresent(a -> call.rtp().remote(a.address())); // early media
                    call.ringing();
                }
            } else if (status < 300) {
                Dialog d = e.getDialog() != null ? e.getDialog() : e.getClientTransaction().getDialog();
                leg.dialog = d;
                d.sendAck(d.createAck(cseq.getSeqNumber()));
                Optional<Sdp.Audio> answer = Sdp.audio(r.getRawContent());
                answer.ifPresent(a -> call.rtp().remote(a.address()));
                call.active(clock.instant());
                if (leg.hangUpWanted) {
                    hangUp(leg); // answered as the box cancelled: ended at once with a BYE
                }
            } else {
                call.ended(cause(status, r.getReasonPhrase()), status + " " + r.getReasonPhrase());
            }
        } catch (Exception ex) {
            log.warn("event=sip-response-failed call={} status={} error=\"{}\"", call.id(), status, ex.getMessage());
        }
    }

    /** A final refusal as the box's end causes; GoIPs say a busy callee with {@code 480 Remote Busy}. */
    static SipCall.End cause(int status, String reason) {
        String why = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        return switch (status) {
            case 486, 600 -> SipCall.End.BUSY;
            case 480 -> why.contains("busy") ? SipCall.End.BUSY : SipCall.End.NO_ANSWER;
            case 408 -> SipCall.End.NO_ANSWER;
            case 487 -> SipCall.End.CANCELLED;
            case 603 -> SipCall.End.REJECTED;
            default -> SipCall.End.FAILED;
        };
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
        if (e.isServerTransaction()) {
            return;
        }
        Request req = e.getClientTransaction().getRequest();
        Leg leg = legs.get(((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId());
        if (leg != null && Request.INVITE.equals(req.getMethod())) {
            leg.call.ended(SipCall.End.FAILED, "no answer from the GoIP to the INVITE");
        }
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
        log.warn("event=sip-io-failed host={} port={}", e.getHost(), e.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
    }

    /** Calls up or ringing now. */
    public int calls() {
        return legs.size();
    }

    @Override
    public void close() {
        legs.values().forEach(l -> l.call.hangUp());
        if (parts != null) {
            parts.stop(this);
        }
    }

    /** How long a registration lasts from now, for the tests. */
    Duration left(String account) {
        Binding b = bindings.get(account);
        return b == null ? Duration.ZERO : Duration.between(clock.instant(), b.until());
    }
}
