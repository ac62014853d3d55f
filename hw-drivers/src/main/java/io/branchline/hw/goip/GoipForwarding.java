package io.branchline.hw.goip;

import io.branchline.hw.at.DialString;
import io.branchline.hw.line.CallForwarding;

/**
 * A GoIP port's unconditional forwarding through the GoIP's {@code CF} command. The protocol has no query,
 * so the GoIP's CFOK (its module's +CCFC answered OK) is the only confirmation there is; a command that got
 * no answer counts as not done, and the box's journal erases it again later.
 */
final class GoipForwarding implements CallForwarding {
    private final GoipLine line;

    GoipForwarding(GoipLine line) {
        this.line = line;
    }

    @Override
    public Result register(DialString target) {
        if (!target.digits().matches("\\+?[0-9]{3,20}")) {
            return new Result(Outcome.FAILED, "a GoIP port forwards to a number only, not \"" + target.digits() + "\"");
        }
        try {
            line.forward(true, target.digits());
            return new Result(Outcome.REGISTERED, "");
        } catch (GoipLine.CommandFailed e) {
            return new Result(Outcome.FAILED, "forwarding registration refused: " + e.getMessage());
        }
    }

    @Override
    public boolean erase() {
        try {
            line.forward(false, "");
            return true;
        } catch (GoipLine.CommandFailed e) {
            return false;
        }
    }
}
