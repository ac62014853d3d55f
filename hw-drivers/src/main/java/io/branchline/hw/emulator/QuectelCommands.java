package io.branchline.hw.emulator;

import io.branchline.hw.emulator.EmulatorCommands.Reply;

/** Quectel EC25 AT Commands Manual V2.0: the URC port (+QURCCFG), voice over USB (+QPCMV), DTMF detection (+QTONEDET). */
final class QuectelCommands implements VendorCommands {
    @Override
    public Reply answer(CommandLine c, ModemEmulator modem, ModemState s) {
        return switch (c.name()) {
            // +QTONEDET=1: the module detects the far end's DTMF and reports +QTONEDET: <ASCII code>.
            case "+QTONEDET" -> switch (c.form()) {
                case SET -> {
                    if (!c.args().equals("0") && !c.args().equals("1")) {
                        yield Reply.of("ERROR");
                    }
                    modem.keyReports(c.args().equals("1"));
                    yield Reply.ok();
                }
                case TEST -> Reply.ok("+QTONEDET: (0,1)");
                default -> Reply.of("ERROR");
            };
            case "+QURCCFG" -> c.form() == CommandLine.Form.READ ? Reply.ok("+QURCCFG: \"urcport\",\"usbat\"")
                    : Reply.ok();
            // +QPCMV=1,0: PCM voice on the USB NMEA port, any time (the port stays silent without a call).
            case "+QPCMV" -> switch (c.form()) {
                case TEST -> Reply.ok("+QPCMV: (0,1),(0-2)");
                case READ -> Reply.ok("+QPCMV: " + (modem.voice().enabled() ? "1,0" : "0"));
                case SET -> {
                    modem.voice().enable(c.args().equals("1,0"));
                    yield Reply.ok();
                }
                case EXECUTE -> Reply.of("ERROR");
            };
            default -> null;
        };
    }
}
