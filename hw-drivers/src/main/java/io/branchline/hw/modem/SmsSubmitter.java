package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.sms.SubmitPdu;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a message's parts with AT+CMGS, one after another, and returns the message reference the network
 * gave each (the key its status reports come back with). Nothing is retried: a part the modem may have
 * sent is never sent again, so a refused or timed-out part ends the message there, saying how far it got.
 */
public final class SmsSubmitter {
    private SmsSubmitter() {
    }

    /** The modem did not take every part: {@code references} holds those it did. */
    public static final class NotSent extends Exception {
        private final List<Integer> references;
        private final boolean unknown;

        public NotSent(String message, List<Integer> references, boolean unknown) {
            super(message);
            this.references = List.copyOf(references);
            this.unknown = unknown;
        }

        public List<Integer> references() {
            return references;
        }

        /** Whether the last part may have gone anyway (a timeout or a lost link, not a refusal). */
        public boolean unknown() {
            return unknown;
        }
    }

    public static List<Integer> send(AtEngine engine, List<SubmitPdu> parts) throws NotSent {
        List<Integer> refs = new ArrayList<>();
        for (SubmitPdu p : parts) {
            AtResponse r;
            try {
                r = engine.execute(AtCommands.sendSmsPdu(p.hex(), p.tpduLength()));
            } catch (AtException e) {
                throw new NotSent("part " + p.part() + " of " + p.parts() + ": " + e.getMessage(), refs, true);
            }
            if (!r.isOk()) {
                throw new NotSent("part " + p.part() + " of " + p.parts() + " refused: " + r.result(), refs, false);
            }
            refs.add(r.line("+CMGS:").map(SmsSubmitter::reference).orElse(-1));
        }
        return refs;
    }

    /** {@code +CMGS: <mr>[,<scts>]}: the reference, or -1 when the modem gave none readable. */
    static int reference(String line) {
        String v = line.substring(line.indexOf(':') + 1).strip();
        int comma = v.indexOf(',');
        try {
            int mr = Integer.parseInt(comma >= 0 ? v.substring(0, comma).strip() : v);
            return mr >= 0 && mr <= 255 ? mr : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
