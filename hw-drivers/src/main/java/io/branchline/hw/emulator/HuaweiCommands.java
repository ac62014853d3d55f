package io.branchline.hw.emulator;

import io.branchline.hw.emulator.EmulatorCommands.Reply;

/**
 * Huawei HSPA Module AT Command Interface Specification (E1550): ^CVOICE (is voice over USB there),
 * ^DDSETEX=2 (voice on the diagnostics port, during a call), ^PORTSEL (which port carries its ^ URCs),
 * ^CURC (those URCs on or off).
 */
final class HuaweiCommands implements VendorCommands {
    @Override
    public Reply answer(CommandLine c, ModemEmulator modem, ModemState s) {
        return switch (c.name()) {
            case "^CVOICE" -> c.form() == CommandLine.Form.READ ? Reply.ok("^CVOICE:0,8000,16,20") : Reply.ok();
            case "^PORTSEL" -> {
                // 0: URCs on the modem port, 1: on the PC UI port.
                if (c.form() == CommandLine.Form.SET) {
                    s.urcsOnOtherPort = c.number(0, 0) == 1;
                }
                yield c.form() == CommandLine.Form.READ ? Reply.ok("^PORTSEL: " + (s.urcsOnOtherPort ? 1 : 0))
                        : c.form() == CommandLine.Form.TEST ? Reply.ok("^PORTSEL: (0,1)") : Reply.ok();
            }
            case "^CURC" -> c.form() == CommandLine.Form.READ ? Reply.ok("^CURC: 1") : Reply.ok();
            case "^DDSETEX" -> {
                if (c.form() != CommandLine.Form.SET) {
                    yield c.form() == CommandLine.Form.TEST ? Reply.ok("^DDSETEX: (2)") : Reply.of("ERROR");
                }
                boolean on = c.args().equals("2");
                if (on && !modem.talking()) {
                    yield Reply.of("ERROR");
                }
                modem.voice().enable(on);
                yield Reply.ok();
            }
            default -> null;
        };
    }
}
