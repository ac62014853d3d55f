package io.branchline.hw.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls of one emulated modem, and how the modem reports them: +CLCC lines when asked, and the
 * flavour's own URCs (Huawei ^ORIG/^CONF/^CONN/^CEND, SIMCom +CLCC pushes and VOICE CALL: BEGIN/END, the
 * 27.007 words NO CARRIER, BUSY, NO ANSWER for all).
 */
final class EmulatedCalls {
    enum State {
        ACTIVE(0), DIALING(2), ALERTING(3), INCOMING(4);

        final int stat;

        State(int stat) {
            this.stat = stat;
        }
    }

    private static final class Call {
        final int index;
        final String number;
        final long serial;
        final boolean incoming;
        volatile State state;
        long networkId = -1;
        long answeredAt;

        Call(int index, String number, long serial, boolean incoming) {
            this.index = index;
            this.number = number;
            this.serial = serial;
            this.incoming = incoming;
            this.state = incoming ? State.INCOMING : State.DIALING;
        }
    }

    private final Map<Integer, Call> calls = new TreeMap<>();
    private long serials;

    synchronized boolean busy() {
        return !calls.isEmpty();
    }

    /** True while some call is connected (the voice port has something to carry). */
    synchronized boolean talking() {
        return calls.values().stream().anyMatch(c -> c.state == State.ACTIVE);
    }

    synchronized int add(String number) {
        return add(number, false);
    }

    /** A call from {@code number} that rings here (27.007 +CLCC dir 1, stat 4 incoming). */
    synchronized int addIncoming(String number) {
        return add(number, true);
    }

    private int add(String number, boolean incoming) {
        int index = 1;
        while (calls.containsKey(index)) {
            index++;
        }
        calls.put(index, new Call(index, number, ++serials, incoming));
        return index;
    }

    /** Whether the call {@code index} of {@code serial} is still ringing unanswered. */
    synchronized boolean ringing(int index, long serial) {
        Call c = calls.get(index);
        return c != null && c.serial == serial && c.state == State.INCOMING;
    }

    /** ATA: the ringing call is answered; its index, or -1 when nothing rings. */
    synchronized int answer(long nowMillis) {
        for (Call c : calls.values()) {
            if (c.state == State.INCOMING) {
                c.state = State.ACTIVE;
                c.answeredAt = nowMillis;
                return c.index;
            }
        }
        return -1;
    }

    /** Tells one call from a later one that reuses its index. */
    synchronized long serial(int index) {
        Call c = calls.get(index);
        return c == null ? -1 : c.serial;
    }

    /**
     * Notes the network's id of the call; false if that call has ended meanwhile (hung up before the network
     * had it), in which case the caller releases it at the network.
     */
    synchronized boolean attachNetworkId(int index, long serial, long id) {
        Call c = calls.get(index);
        if (c == null || c.serial != serial) {
            return false;
        }
        c.networkId = id;
        return true;
    }

    /** +CLCC lines for every call: {@code +CLCC: <idx>,0,<stat>,0,0,"<number>",<type>}. */
    synchronized List<String> clccLines() {
        List<String> out = new ArrayList<>();
        for (Call c : calls.values()) {
            out.add(clcc(c));
        }
        return out;
    }

    private static String clcc(Call c) {
        return "+CLCC: " + c.index + "," + (c.incoming ? 1 : 0) + "," + c.state.stat + ",0,0,\"" + c.number + "\","
                + (c.number.startsWith("+") ? 145 : 129);
    }

    /** Moves a call on; returns the URCs the flavour sends for it. */
    synchronized List<String> progress(int index, State state, Flavour flavour, boolean clccUrc, long nowMillis) {
        Call c = calls.get(index);
        if (c == null) {
            return List.of();
        }
        c.state = state;
        if (state == State.ACTIVE) {
            c.answeredAt = nowMillis;
        }
        List<String> urcs = new ArrayList<>();
        if (flavour == Flavour.HUAWEI_E1550) {
            urcs.add(state == State.ALERTING ? "^CONF:" + index : state == State.ACTIVE ? "^CONN:" + index + ",0"
                    : "^ORIG:" + index + ",0");
        }
        if (clccUrc) {
            urcs.add(clcc(c));
            if (state == State.ACTIVE) {
                urcs.add("VOICE CALL: BEGIN");
            }
        }
        return urcs;
    }

    /** Ends a call; returns it network id (-1 if unknown) and appends the URCs for the end to {@code urcs}. */
    synchronized long end(int index, EmulatedNetwork.End how, boolean localHangUp, Flavour flavour, boolean clccUrc,
                          long nowMillis, List<String> urcs) {
        Call c = calls.remove(index);
        if (c == null) {
            return -1;
        }
        long seconds = c.answeredAt == 0 ? 0 : (nowMillis - c.answeredAt) / 1000;
        if (flavour == Flavour.HUAWEI_E1550) {
            int cause = switch (how) {
                case BUSY -> 17;
                case NO_ANSWER -> 19;
                case REJECTED -> 21;
                case NORMAL -> 16;
            };
            urcs.add("^CEND:" + index + "," + seconds + ",104," + cause);
        }
        if (clccUrc) {
            urcs.add(String.format("VOICE CALL: END: %04d", seconds));
        }
        if (!localHangUp) {
            urcs.add(switch (how) {
                case BUSY -> "BUSY";
                case NO_ANSWER -> "NO ANSWER";
                case NORMAL, REJECTED -> "NO CARRIER";
            });
        }
        return c.networkId;
    }

    synchronized List<Integer> indexes() {
        return new ArrayList<>(calls.keySet());
    }

    synchronized String number(int index) {
        Call c = calls.get(index);
        return c == null ? "" : c.number;
    }
}
