package io.branchline.hw.emulator;

import io.branchline.hw.emulator.EmulatorCommands.Reply;

/**
 * SIMCom SIM7600 Series AT Command Manual V1.10 and SIM800 Series AT Command Manual V1.09: +CLCC=1 pushes the
 * call list on every change; the SIM7600's +CPCMREG=1 starts USB voice, accepted only once the call is
 * connected (the window the box has to retry in).
 */
final class SimcomCommands implements VendorCommands {
    private final Flavour flavour;

    SimcomCommands(Flavour flavour) {
        this.flavour = flavour;
    }

    @Override
    public Reply answer(CommandLine c, ModemEmulator modem, ModemState s) {
        // +DDET=<mode>[,...]: DTMF detection, each key reported as +RXDTMF: <key>.
        if (c.name().equals("+DDET") && c.form() == CommandLine.Form.SET) {
            String mode = c.args().split(",")[0];
            if (!mode.equals("0") && !mode.equals("1")) {
                return Reply.of("ERROR");
            }
            modem.keyReports(mode.equals("1"));
            return Reply.ok();
        }
        if (c.name().equals("+CPCMREG") && flavour == Flavour.SIMCOM_SIM7600) {
            return switch (c.form()) {
                case TEST -> Reply.ok("+CPCMREG: (0,1)");
                case READ -> Reply.ok("+CPCMREG: " + (modem.voice().enabled() ? 1 : 0));
                case SET -> {
                    boolean on = c.args().equals("1");
                    if (on && !modem.talking()) {
                        yield Reply.of("ERROR");
                    }
                    modem.voice().enable(on);
                    yield Reply.ok();
                }
                case EXECUTE -> Reply.of("ERROR");
            };
        }
        return null;
    }
}
