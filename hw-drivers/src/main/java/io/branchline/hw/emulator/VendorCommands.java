package io.branchline.hw.emulator;

import io.branchline.hw.emulator.EmulatorCommands.Reply;

/**
 * The commands one vendor has beyond 27.007, as its AT manual describes them; null for a command it does
 * not know (the flavour's error word answers it). One class a vendor, as the drivers are laid out.
 */
interface VendorCommands {
    Reply answer(CommandLine c, ModemEmulator modem, ModemState s);

    static VendorCommands of(Flavour f) {
        return switch (f) {
            case QUECTEL_EC25 -> new QuectelCommands();
            case SIMCOM_SIM7600, SIMCOM_SIM800 -> new SimcomCommands(f);
            case HUAWEI_E1550 -> new HuaweiCommands();
            case GENERIC -> (c, modem, s) -> null;
        };
    }
}
