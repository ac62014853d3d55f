package io.branchline.box.call;

import io.branchline.box.agent.Agent;
import io.branchline.box.line.LineChoice;
import io.branchline.box.line.SimRotation;
import io.branchline.box.line.Sims;
import io.branchline.hw.at.DialString;
import io.branchline.hw.modem.ModemCall;
import io.branchline.hw.line.LineCalls;
import io.branchline.hw.line.Line;
import java.util.Set;

/**
 * Direct dialing (直拨): the agent's card 1 (or a free line nobody owns) dials the customer, after the line
 * has moved to the SIM its rotation wants, with that SIM's prefix.
 */
public final class DirectDial implements DialPlan {
    private final LineChoice choice;
    private final Sims sims;
    private final SimRotation rotation;
    private final CallTable table;
    private final CallWatch watch;

    public DirectDial(LineChoice choice, Sims sims, SimRotation rotation, CallTable table, CallWatch watch) {
        this.choice = choice;
        this.sims = sims;
        this.rotation = rotation;
        this.table = table;
        this.watch = watch;
    }

    @Override
    public boolean serves(DialMode mode) {
        return mode.equals(DialMode.DIRECT);
    }

    @Override
    public Route route(Agent agent, DialMode mode, DialString customer) {
        Line line = choice.direct(agent);
        rotation.checkCallRate(line, table::liveOn);
        // Where the SIM rotation will have moved the line by the time it dials: the answer names that SIM.
        Call.Placement first = rotation.planned(line)
                .map(slot -> new Call.Placement(line.id(), slot.iccid(), slot.ownNumber(), slot.prefix()
                        + customer.digits(), mode.name()))
                .orElseGet(() -> Call.Placement.on(line, sims, sims.prefix(line) + customer.digits(), mode.name()));
        return Route.of(first, Set.of(line.id()), call -> dial(call, line, customer));
    }

    private void dial(Call call, Line line, DialString customer) {
        rotation.rotate(line);
        DialString dial = new DialString(sims.prefix(line) + customer.digits());
        call.place(Call.Placement.on(line, sims, dial.digits(), DialMode.DIRECT.name()));
        LineCalls modem = line.calls().orElseThrow(() -> new IllegalStateException("line " + line.id() + " is down"));
        ModemCall mc = modem.dial(dial);
        call.attach(mc);
        watch.dialled(call, mc);
        if (call.hangUpRequested) {
            modem.hangUp();
        }
        mc.ended().thenAccept(ended -> watch.ended(call));
    }
}
