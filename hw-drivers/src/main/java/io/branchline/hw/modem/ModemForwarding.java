package io.branchline.hw.modem;

import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.DialString;
import io.branchline.hw.at.FinalResult;
import io.branchline.hw.at.parse.Forwarding;
import io.branchline.hw.line.CallForwarding;

/**
 * A modem's unconditional forwarding (27.007 7.11), each step confirmed by a query: register
 * ({@code AT+CCFC=0,3,"n",t,1}) then check {@code AT+CCFC=0,2}; erase ({@code AT+CCFC=0,4}) then check again.
 */
final class ModemForwarding implements CallForwarding {
    private final AtEngine engine;

    ModemForwarding(AtEngine engine) {
        this.engine = engine;
    }

    @Override
    public Result register(DialString target) {
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

    @Override
    public boolean erase() {
        try {
            AtResponse r = engine.execute(AtCommands.eraseUnconditionalForwarding());
            AtResponse q = engine.execute(AtCommands.queryUnconditionalForwarding());
            return r.isOk() && q.isOk() && Forwarding.voiceNotForwarded(Forwarding.parse(q.lines()));
        } catch (AtException e) {
            return false;
        }
    }
}
