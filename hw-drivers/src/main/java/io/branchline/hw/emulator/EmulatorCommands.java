package io.branchline.hw.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated modem's answers, computed from its state. Each reply is the information lines and, last,
 * the final result. Unknown commands get the flavour's error word.
 */
final class EmulatorCommands {
    record Reply(List<String> lines, boolean awaitBody, boolean restart) {
        static Reply ok(String... info) {
            List<String> l = new ArrayList<>(List.of(info));
            l.add("OK");
            return new Reply(l, false, false);
        }

        static Reply of(String finalLine) {
            return new Reply(List.of(finalLine), false, false);
        }
    }

    private static final Pattern SET = Pattern.compile("^AT([+^][A-Z0-9]+)=(.*)$");
    private static final Pattern CMGS = Pattern.compile("^AT\\+CMGS=(\\d+)$");
    private static final Pattern DIAL = Pattern.compile("^ATD([0-9+*#]{1,40});$");
    private static final Pattern CCFC = Pattern.compile("^0,([234])(?:,\"([0-9+]*)\",(\\d+)(?:,(\\d+))?)?$");

    private EmulatorCommands() {
    }

    static Reply answer(String raw, ModemEmulator modem, ModemState s) {
        String cmd = raw.toUpperCase(Locale.ROOT);
        EmulatedSim sim = modem.sim();
        if (cmd.equals(modem.flavour().iccidCommand)) {
            // The ICCID is readable without the PIN (EF_ICCID is not PIN-protected); only a missing card hides it.
            return sim.state() == EmulatedSim.State.ABSENT ? Reply.of(cme(s, 10, "SIM not inserted"))
                    : Reply.ok(modem.flavour().iccidPrefix + sim.iccid());
        }
        switch (cmd) {
            case "AT", "ATZ", "AT&F" -> {
                return Reply.ok();
            }
            case "ATH", "AT+CHUP" -> {
                modem.hangUpAll();
                return Reply.ok();
            }
            case "ATE0", "ATE1" -> {
                s.echo = cmd.equals("ATE1");
                return Reply.ok();
            }
            case "AT+CGMI" -> {
                return Reply.ok(modem.flavour().manufacturer);
            }
            case "AT+CGMM" -> {
                return Reply.ok(modem.flavour().model);
            }
            case "AT+CGMR" -> {
                return Reply.ok(modem.flavour().revision);
            }
            case "AT+CGSN" -> {
                return Reply.ok(modem.imei());
            }
            case "AT+CIMI" -> {
                return simGate(modem, s, () -> Reply.ok(sim.imsi()));
            }
            case "AT+CPIN?" -> {
                return switch (sim.state()) {
                    case ABSENT -> Reply.of(cme(s, 10, "SIM not inserted"));
                    case PIN_REQUIRED -> Reply.ok("+CPIN: SIM PIN");
                    case READY -> Reply.ok("+CPIN: READY");
                };
            }
            case "AT+CNUM" -> {
                return simGate(modem, s, () -> sim.ownNumber().isEmpty() ? Reply.ok("+CNUM: ,\"\",129")
                        : Reply.ok("+CNUM: \"\",\"" + sim.ownNumber() + "\"," + (sim.ownNumber().startsWith("+") ? 145
                        : 129)));
            }
            case "AT+CSQ" -> {
                return Reply.ok("+CSQ: " + (s.radioOn ? s.rssi : 99) + ",99");
            }
            case "AT+CREG?" -> {
                return Reply.ok("+CREG: " + s.cregMode + "," + effectiveRegistration(modem, s)
                        + (s.cregMode == 2 && registered(modem, s) ? ",\"1A2B\",\"00C0FFEE\",7" : ""));
            }
            case "AT+CEREG?" -> {
                return Reply.ok("+CEREG: " + s.ceregMode + "," + effectiveRegistration(modem, s));
            }
            case "AT+COPS?" -> {
                return registered(modem, s) ? Reply.ok("+COPS: 0,0,\"" + s.operator + "\",7") : Reply.ok("+COPS: 0");
            }
            case "AT+CLCC" -> {
                return Reply.ok(modem.clccLines().toArray(String[]::new));
            }
            case "AT+CFUN=1,1" -> {
                return new Reply(List.of("OK"), false, true);
            }
            case "AT+CFUN=0" -> {
                s.radioOn = false;
                return Reply.ok();
            }
            case "AT+CFUN=1" -> {
                s.radioOn = true;
                return Reply.ok();
            }
            case "AT^CVOICE?" -> {
                return modem.flavour() == Flavour.HUAWEI_E1550 ? Reply.ok("^CVOICE:0,8000,16,20")
                        : Reply.of(modem.unknownCommandReply());
            }
            case "AT+CFUN?" -> {
                return Reply.ok("+CFUN: " + (s.radioOn ? 1 : 0));
            }
            case "AT+CMGL=4" -> {
                return cmgl(s);
            }
            default -> {
                return settings(cmd, raw, modem, s);
            }
        }
    }

    private static Reply settings(String cmd, String raw, ModemEmulator modem, ModemState s) {
        Matcher dial = DIAL.matcher(cmd);
        if (dial.matches()) {
            return dial(dial.group(1), modem, s);
        }
        Matcher cmgs = CMGS.matcher(cmd);
        if (cmgs.matches()) {
            return new Reply(List.of(), true, false);
        }
        Matcher m = SET.matcher(cmd);
        if (!m.matches()) {
            return Reply.of(modem.unknownCommandReply());
        }
        String name = m.group(1);
        String value = m.group(2);
        if (name.equals(modem.flavour().vendorSetting)) {
            if (name.equals("+CLCC")) {
                s.clccUrc = value.equals("1");
            }
            return Reply.ok();
        }
        if (name.equals("+CCFC")) {
            return forwarding(value, modem, s);
        }
        Reply voice = voice(name, value, modem);
        if (voice != null) {
            return voice;
        }
        switch (name) {
            case "+CMEE" -> {
                s.cmee = Integer.parseInt(value.isEmpty() ? "0" : value.substring(0, 1));
                return Reply.ok();
            }
            case "+CLIP" -> {
                s.clip = value.startsWith("1");
                return Reply.ok();
            }
            case "+CREG" -> {
                s.cregMode = value.isEmpty() ? 0 : value.charAt(0) - '0';
                return Reply.ok();
            }
            case "+CEREG" -> {
                s.ceregMode = value.isEmpty() ? 0 : value.charAt(0) - '0';
                return Reply.ok();
            }
            case "+COPS", "+CNMI", "+CSCS" -> {
                return Reply.ok();
            }
            case "+CMGF" -> {
                s.pduMode = value.equals("0");
                return Reply.ok();
            }
            case "+CPIN" -> {
                String pin = raw.substring(raw.indexOf('=') + 1).replace("\"", "");
                return modem.sim().unlock(pin) ? Reply.ok() : Reply.of(cme(s, 16, "incorrect password"));
            }
            case "+CMGD" -> {
                return s.deleteSms(Integer.parseInt(value.split(",")[0])) ? Reply.ok() : Reply.of(cms(s, 321));
            }
            case "+CMGR" -> {
                String pdu = s.storedSms().get(Integer.parseInt(value));
                return pdu == null ? Reply.of(cms(s, 321)) : Reply.ok("+CMGR: 0,," + (pdu.length() / 2 - 8), pdu);
            }
            default -> {
                return Reply.of(modem.unknownCommandReply());
            }
        }
    }

    /**
     * The vendors' voice-port switches: Quectel AT+QPCMV=1,0 (any time), SIMCom AT+CPCMREG=1 (only once the
     * call is connected: the window the box has to retry in), Huawei AT^DDSETEX=2 (during a call).
     */
    private static Reply voice(String name, String value, ModemEmulator modem) {
        Flavour f = modem.flavour();
        boolean quectel = name.equals("+QPCMV") && f == Flavour.QUECTEL_EC25;
        boolean simcom = name.equals("+CPCMREG") && f == Flavour.SIMCOM_SIM7600;
        boolean huawei = name.equals("^DDSETEX") && f == Flavour.HUAWEI_E1550;
        if (!quectel && !simcom && !huawei) {
            return null;
        }
        boolean on = quectel ? value.equals("1,0") : simcom ? value.equals("1") : value.equals("2");
        if (on && (simcom || huawei) && !modem.talking()) {
            return Reply.of("ERROR");
        }
        modem.voice().enable(on);
        return Reply.ok();
    }

    /** ATD<number>; : OK once the call is set up, as 27.007 voice calls do; progress comes as URCs. */
    private static Reply dial(String number, ModemEmulator modem, ModemState s) {
        if (!modem.onNetwork()) {
            return Reply.of(modem.sim().state() == EmulatedSim.State.READY ? "NO CARRIER" : cme(s, 10, "SIM not inserted"));
        }
        if (modem.inCall()) {
            return Reply.of(cme(s, 3, "operation not allowed"));
        }
        modem.dial(number);
        return Reply.ok();
    }

    /** AT+CCFC=0,<mode>[,"<number>",<type>[,<class>]]: unconditional forwarding of voice calls. */
    private static Reply forwarding(String value, ModemEmulator modem, ModemState s) {
        Matcher m = CCFC.matcher(value);
        EmulatedSim sim = modem.sim();
        if (!m.matches() || sim.state() != EmulatedSim.State.READY) {
            return Reply.of(cme(s, 3, "operation not allowed"));
        }
        if (sim.forwardingRefusal() != 0) {
            return Reply.of(cme(s, sim.forwardingRefusal(), sim.forwardingRefusal() == 30 ? "no network service"
                    : "unknown"));
        }
        switch (m.group(1)) {
            case "3" -> {
                if (m.group(2) == null || m.group(2).isEmpty()) {
                    return Reply.of(cme(s, 3, "operation not allowed"));
                }
                sim.setForwardTo(m.group(2));
                return Reply.ok();
            }
            case "4" -> {
                sim.setForwardTo("");
                return Reply.ok();
            }
            default -> {
                String to = sim.forwardTo();
                return to.isEmpty() ? Reply.ok("+CCFC: 0,1")
                        : Reply.ok("+CCFC: 1,1,\"" + to + "\"," + (to.startsWith("+") ? 145 : 129));
            }
        }
    }

    private static Reply cmgl(ModemState s) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Integer, String> e : s.storedSms().entrySet()) {
            lines.add("+CMGL: " + e.getKey() + ",0,," + (e.getValue().length() / 2 - 8));
            lines.add(e.getValue());
        }
        lines.add("OK");
        return new Reply(lines, false, false);
    }

    private static boolean registered(ModemEmulator modem, ModemState s) {
        int r = effectiveRegistration(modem, s);
        return r == 1 || r == 5;
    }

    private static int effectiveRegistration(ModemEmulator modem, ModemState s) {
        return modem.sim().state() == EmulatedSim.State.READY && s.radioOn ? s.registration : 0;
    }

    private static Reply simGate(ModemEmulator modem, ModemState s, java.util.function.Supplier<Reply> ok) {
        return switch (modem.sim().state()) {
            case ABSENT -> Reply.of(cme(s, 10, "SIM not inserted"));
            case PIN_REQUIRED -> Reply.of(cme(s, 11, "SIM PIN required"));
            case READY -> ok.get();
        };
    }

    /** An error as AT+CMEE set it: plain, numeric, or verbose. */
    static String cme(ModemState s, int code, String text) {
        return switch (s.cmee) {
            case 1 -> "+CME ERROR: " + code;
            case 2 -> "+CME ERROR: " + text;
            default -> "ERROR";
        };
    }

    private static String cms(ModemState s, int code) {
        return s.cmee == 0 ? "ERROR" : "+CMS ERROR: " + code;
    }
}
