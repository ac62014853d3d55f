package io.branchline.hw.modem;

import io.branchline.hw.serial.SecretMask;
import io.branchline.hw.at.AtCommand;
import io.branchline.hw.at.AtCommands;
import io.branchline.hw.at.AtEngine;
import io.branchline.hw.at.AtException;
import io.branchline.hw.at.AtResponse;
import io.branchline.hw.at.FinalResult;
import io.branchline.hw.at.parse.AtParseException;
import io.branchline.hw.at.parse.Identity;
import io.branchline.hw.at.parse.Operator;
import io.branchline.hw.at.parse.OwnNumber;
import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Signal;
import io.branchline.hw.at.parse.SimState;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a modem up over an {@link AtEngine} and reads it: the init sequence, identity and a status poll.
 * Blocking calls, meant for a line's own virtual thread.
 */
public final class ModemDriver {
    private static final Logger log = LoggerFactory.getLogger(ModemDriver.class);

    private final AtEngine engine;
    private VendorProfile profile = VendorProfile.GENERIC;

    public ModemDriver(AtEngine engine) {
        this.engine = engine;
    }

    public VendorProfile profile() {
        return profile;
    }

    /**
     * Echo off, verbose errors, caller id on, registration URCs on, long operator names, and the vendor's
     * extras. The modem may still be booting, so the first ping gets three tries (a ping is safe to repeat).
     */
    public VendorProfile initialize() {
        ping(3);
        engine.executeOk(AtCommands.echoOff());
        optional(AtCommands.verboseErrors());
        String manufacturer = Identity.text(engine.executeOk(AtCommands.manufacturer()));
        String model = Identity.text(engine.executeOk(AtCommands.model()));
        profile = VendorProfile.detect(manufacturer, model);
        log.info("port={} event=modem-detected manufacturer=\"{}\" model=\"{}\" profile=\"{}\"", engine.port(),
                manufacturer, model, profile.label());
        optional(AtCommands.callerIdOn());
        optional(AtCommands.registrationUrcsOn());
        optional(AtCommands.operatorNameFormatLong());
        profile.extraInit().forEach(this::optional);
        return profile;
    }

    /** Sends AT until it answers OK, at most {@code tries} times. */
    public void ping(int tries) {
        AtException last = null;
        for (int i = 0; i < tries; i++) {
            try {
                engine.executeOk(AtCommands.ping());
                return;
            } catch (AtException.Timeout e) {
                last = e;
            }
        }
        throw last;
    }

    public ModemIdentity readIdentity() {
        String manufacturer = Identity.text(engine.executeOk(AtCommands.manufacturer()));
        String model = Identity.text(engine.executeOk(AtCommands.model()));
        String revision = textOrEmpty(AtCommands.revision());
        String imei = Identity.imei(linesOrEmpty(AtCommands.imei())).orElse("");
        // A locked or missing SIM refuses these; the line still shows what is known.
        String imsi = Identity.imsi(linesOrEmpty(AtCommands.imsi())).orElse("");
        String iccid = Identity.iccid(linesOrEmpty(profile.iccidCommand())).orElse("");
        String own = OwnNumber.first(linesOrEmpty(AtCommands.ownNumber()));
        return new ModemIdentity(manufacturer, model, revision, imei, imsi, iccid, own);
    }

    /** Reads SIM, signal, registration and operator, and sums them up as a {@link LineState}. */
    public ModemStatus poll() {
        SimState sim = simState();
        Signal signal = Signal.parseCsq(engine.execute(AtCommands.signal()).line("+CSQ:").orElse("+CSQ: 99,99"));
        if (sim == SimState.ABSENT) {
            return new ModemStatus(LineState.NO_SIM, signal, Registration.Status.NOT_REGISTERED, "",
                    "no SIM card in the modem");
        }
        if (sim.needsCode()) {
            return new ModemStatus(LineState.PIN_NEEDED, signal, Registration.Status.NOT_REGISTERED, "",
                    "the SIM asks for its " + sim.name().replace('_', ' '));
        }
        Registration.Status reg = registration();
        if (!reg.registered()) {
            return new ModemStatus(LineState.NOT_REGISTERED, signal, reg, "",
                    "not registered on a network (" + reg.label() + ")");
        }
        String operator = engine.execute(AtCommands.operator()).line("+COPS:")
                .flatMap(l -> Operator.parse(l).name()).orElse("");
        return new ModemStatus(LineState.UP, signal, reg, operator, "");
    }

    private SimState simState() {
        AtResponse r = engine.execute(AtCommands.simState());
        if (r.isOk()) {
            return r.line("+CPIN:").map(SimState::parse).orElse(SimState.UNKNOWN);
        }
        FinalResult f = r.result();
        // 10: SIM not inserted; 13: SIM failure (a card that does not answer is as good as none).
        if (f.code() == 10 || f.code() == 13) {
            return SimState.ABSENT;
        }
        if (f.code() == 11) {
            return SimState.SIM_PIN;
        }
        if (f.code() == 12) {
            return SimState.SIM_PUK;
        }
        return SimState.UNKNOWN;
    }

    private Registration.Status registration() {
        try {
            return engine.execute(AtCommands.registration()).line("+CREG:")
                    .map(l -> Registration.parseSolicited(l).status()).orElse(Registration.Status.UNKNOWN);
        } catch (AtParseException e) {
            log.warn("port={} event=unparsable-registration error=\"{}\"", engine.port(), e.getMessage());
            return Registration.Status.UNKNOWN;
        }
    }

    /**
     * Enters the SIM's PIN once. A refused PIN is reported, never retried here: the third wrong PIN locks the
     * card behind its PUK, which only the carrier can give.
     *
     * @return true when the SIM took it
     */
    public boolean enterPin(String pin) {
        AtResponse r = engine.execute(AtCommands.enterPin(pin));
        if (!r.isOk()) {
            log.warn("port={} event=pin-refused result=\"{}\"", engine.port(), r.result());
        }
        return r.isOk();
    }

    /** Restarts the modem. USB modems drop off the bus and come back, possibly under another tty name. */
    public void restart() {
        engine.execute(AtCommands.restart());
    }

    private void optional(AtCommand c) {
        AtResponse r = engine.execute(c);
        if (!r.isOk()) {
            log.info("port={} event=optional-command-refused command=\"{}\" result=\"{}\"", engine.port(),
                    SecretMask.redact(c.text()),
                    r.result());
        }
    }

    private List<String> linesOrEmpty(AtCommand c) {
        AtResponse r = engine.execute(c);
        return r.isOk() ? r.lines() : List.of();
    }

    private String textOrEmpty(AtCommand c) {
        return Identity.text(linesOrEmpty(c));
    }
}
