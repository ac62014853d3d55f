package io.branchline.hw.sip;

import io.branchline.hw.audio.G711;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/**
 * The audio line of an SDP offer or answer (RFC 4566): where the far end wants RTP and which payload types
 * it takes, read with JAIN-SIP's SDP parser; and the box's own offer and answer, G.711 with telephone-events
 * and 20 ms packets, as GoIPs offer them (PCMA first, then PCMU, then 101).
 */
public final class Sdp {
    /** Far bigger than any gateway's SDP; a bigger body is refused unread. */
    public static final int MAX_BYTES = 4096;

    private Sdp() {
    }

    /** The audio stream of a session description: the far end's RTP address and its payload types in order. */
    public record Audio(InetSocketAddress address, List<Integer> payloadTypes) {
        /** The first G.711 law both ends speak, in the far end's order of preference. */
        public Optional<G711.Law> law() {
            return payloadTypes.stream().map(G711.Law::ofPayloadType).flatMap(Optional::stream).findFirst();
        }
    }

    public static Optional<Audio> audio(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            SessionDescription sd = SdpFactory.getInstance().createSessionDescription(
                    new String(body, java.nio.charset.StandardCharsets.UTF_8));
            Connection session = sd.getConnection();
            for (Object o : sd.getMediaDescriptions(false) == null ? List.of() : sd.getMediaDescriptions(false)) {
                MediaDescription md = (MediaDescription) o;
                if (!"audio".equals(md.getMedia().getMediaType())) {
                    continue;
                }
                Connection c = md.getConnection() != null ? md.getConnection() : session;
                int port = md.getMedia().getMediaPort();
                if (c == null || port <= 0 || port > 65535) {
                    return Optional.empty();
                }
                List<Integer> pts = new ArrayList<>();
                for (Object f : md.getMedia().getMediaFormats(false)) {
                    try {
                        pts.add(Integer.parseInt(String.valueOf(f).strip()));
                    } catch (NumberFormatException e) {
                        // a format that is no payload type number: not one of ours
                    }
                }
                return Optional.of(new Audio(new InetSocketAddress(c.getAddress(), port), List.copyOf(pts)));
            }
            return Optional.empty();
        } catch (SdpException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The box's description: {@code laws} in order of preference, then telephone-events, 20 ms packets. */
    public static String describe(String address, int rtpPort, List<G711.Law> laws, long session) {
        StringBuilder pts = new StringBuilder();
        StringBuilder maps = new StringBuilder();
        for (G711.Law l : laws) {
            pts.append(' ').append(l.payloadType());
            maps.append("a=rtpmap:").append(l.payloadType()).append(' ').append(l.rtpName()).append("/8000\r\n");
        }
        return "v=0\r\n"
                + "o=branchline " + session + " " + session + " IN IP4 " + address + "\r\n"
                + "s=branchline\r\n"
                + "c=IN IP4 " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP" + pts + " " + RtpSession.TELEPHONE_EVENT + "\r\n"
                + maps
                + "a=rtpmap:" + RtpSession.TELEPHONE_EVENT + " telephone-event/8000\r\n"
                + "a=fmtp:" + RtpSession.TELEPHONE_EVENT + " 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }
}
