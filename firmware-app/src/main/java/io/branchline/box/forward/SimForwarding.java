package io.branchline.box.forward;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.DialString;
import io.branchline.hw.at.FinalResult;
import io.branchline.hw.at.parse.Forwarding;

/**
 * Unconditional forwarding of one SIM's voice calls (27.007 7.11), each step confirmed by a query:
 * register ({@code AT+CCFC=0,3,"n",t,1}) then check {@code AT+CCFC=0,2}; erase ({@code AT+CCFC=0,4}) then
 * check again.
 */
final class SimForwarding {
    /** How a registration went. */
    enum Outcome { REGISTERED, UNSUPPORTED, FAILED }

    record Result(Outcome outcome, String detail) {
    }

    private SimForwarding() {
    }

    static Result register(AtEngine engine, DialString target) {
        AtResponse r = engine.execute(AtCommands.forwardUnconditional(target));
        if (!r.isOk()) {
            FinalResult f = r.result();
            // 30 (no network service) and 171 come from LTE/IMS SIMs that cannot forward over the CS network.
            boolean unsupported = f.type() == FinalResult.Type.CME_ERROR && (f.code() == 30 || f.code() == 171);
            return new Result(unsupported ? Outcome.UNSUPPORTED : Outcome.FAILED,
                    "forwarding registration refused: " + f);
        }
        AtResponse q = engine.execute(AtCommands.queryUnconditionalForwarding());
        if (!q.isOk() || !Forwarding.voiceForwardedTo(Forwarding.parse(q.lines()), target.digits())) {
            return new Result(Outcome.FAILED, "the network did not confirm forwarding to " + target.digits());
        }
        return new Result(Outcome.REGISTERED, "");
    }

    /** Erases forwarding and checks that none is left; true when confirmed. */
    static boolean erase(AtEngine engine) {
        try {
            AtResponse r = engine.execute(AtCommands.eraseUnconditionalForwarding());
            AtResponse q = engine.execute(AtCommands.queryUnconditionalForwarding());
            return r.isOk() && q.isOk() && Forwarding.voiceNotForwarded(Forwarding.parse(q.lines()));
        } catch (AtException e) {
            return false;
        }
    }
}
