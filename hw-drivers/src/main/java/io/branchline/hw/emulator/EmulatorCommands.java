package io.branchline.hw.emulator;

import io.branchline.hw.at.parse.SmsPdu;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated modem's command table, computed from its state: every command the box or a common client
 * (gammu, ModemManager, minicom users) sends, in each of the four forms of 3GPP TS 27.007 4.1 (execute,
 * read {@code ?}, test {@code =?}, set {@code =}), as 27.007, 27.005 and the vendors' manuals answer them.
 * A test command answers its ranges; a read command the current setting; a setting is kept and changes later
 * answers (character set, operator format, SMS mode, indications, echo). What a vendor lacks is answered the
 * way that vendor answers an unknown command. Nothing the host sends makes this throw: a malformed command
 * is the flavour's error.
 */
final class EmulatorCommands {
    record Reply(List<String> lines, boolean awaitBody, boolean restart, int announcedLength) {
        static Reply ok(String... info) {
            List<String> l = new ArrayList<>(List.of(info));
            l.add("OK");
            return new Reply(l, false, false, -1);
        }

        static Reply of(String finalLine) {
            return new Reply(List.of(finalLine), false, false, -1);
        }

        static Reply lines(List<String> infoThenFinal) {
            return new Reply(infoThenFinal, false, false, -1);
        }

        static Reply body(int announcedLength) {
            return new Reply(List.of(), true, false, announcedLength);
        }
    }

    private static final Pattern CCFC = Pattern.compile("^0,([234])(?:,\"([0-9+]*)\",(\\d+)(?:,(\\d+))?)?$");
    /** 22.030 supplementary-service strings in a dial string: **21*number#, ##21#, *#21#, #31#number, *100#. */
    private static final Pattern SS = Pattern.compile("^(\\*\\*|##|\\*#|\\*|#)(\\d{2,3})(?:\\*([0-9+]*))?#(.*)$");
    private static final List<String> CHARSETS = List.of("GSM", "IRA", "UCS2", "8859-1");
    private static final DateTimeFormatter SCTS = DateTimeFormatter.ofPattern("yy/MM/dd,HH:mm:ss")
            .withZone(ZoneOffset.ofHours(8));

    private EmulatorCommands() {
    }

    static Reply answer(String raw, ModemEmulator modem, ModemState s) {
        try {
            return dispatch(raw, modem, s);
        } catch (RuntimeException e) {
            // A firmware answers what it cannot parse with its error word; it does not go silent.
            return Reply.of(modem.unknownCommandReply());
        }
    }

    private static Reply dispatch(String raw, ModemEmulator modem, ModemState s) {
        Flavour f = modem.flavour();
        if (raw.equalsIgnoreCase(f.iccidCommand)) {
            // The ICCID is readable without the PIN (EF_ICCID is not PIN-protected); only a missing card hides it.
            EmulatedSim sim = modem.sim();
            return sim.state() == EmulatedSim.State.ABSENT ? Reply.of(cme(s, 10, "SIM not inserted"))
                    : Reply.ok(f.iccidPrefix + sim.iccid());
        }
        CommandLine c = CommandLine.parse(raw);
        if (c == null) {
            return Reply.of("ERROR"); // V.250 5.2.1: not a command line
        }
        Reply basic = basic(c, modem, s);
        if (basic != null) {
            return basic;
        }
        Reply identity = identity(c, modem, s);
        if (identity != null) {
            return identity;
        }
        Reply network = network(c, modem, s);
        if (network != null) {
            return network;
        }
        Reply sms = sms(c, modem, s);
        if (sms != null) {
            return sms;
        }
        Reply calls = calls(c, modem, s);
        if (calls != null) {
            return calls;
        }
        return vendor(c, modem, s);
    }

    // --- V.250 basic commands ---------------------------------------------------------------------------------

    private static Reply basic(CommandLine c, ModemEmulator modem, ModemState s) {
        Flavour f = modem.flavour();
        return switch (c.name()) {
            case "" -> Reply.ok();
            case "E" -> c.form() == CommandLine.Form.TEST ? Reply.ok("E: (0,1)") : flag(c, v -> s.echo = v);
            case "V", "Q", "X" -> Reply.ok(); // verbose results, results shown, extended results: as they are
            case "Z", "&F" -> Reply.ok();
            case "&W", "&V" -> Reply.ok();
            case "S" -> Reply.ok(c.args().contains("?") ? "000" : "");
            case "I" -> Reply.ok(f.manufacturer, f.model, f.revision); // V.250 6.1.3
            case "H" -> {
                modem.hangUpAll();
                yield Reply.ok();
            }
            case "A" -> modem.answer() ? Reply.ok() : Reply.of("NO CARRIER"); // V.250 6.3.5: nothing rings
            case "D" -> dial(c.args(), modem, s);
            default -> null;
        };
    }

    private static Reply flag(CommandLine c, java.util.function.Consumer<Boolean> set) {
        String v = c.form() == CommandLine.Form.EXECUTE ? "0" : c.args();
        if (!v.equals("0") && !v.equals("1")) {
            return Reply.of("ERROR");
        }
        set.accept(v.equals("1"));
        return Reply.ok();
    }

    // --- identity: 27.007 5 ---------------------------------------------------------------------------------

    private static Reply identity(CommandLine c, ModemEmulator modem, ModemState s) {
        Flavour f = modem.flavour();
        EmulatedSim sim = modem.sim();
        return switch (c.name()) {
            case "+CGMI", "+GMI" -> execOnly(c, f.manufacturer); // 27.007 5.1, V.250 6.1.4
            case "+CGMM", "+GMM" -> execOnly(c, f.model); // 5.2
            case "+CGMR", "+GMR" -> execOnly(c, f.revision); // 5.3
            case "+CGSN", "+GSN" -> execOnly(c, modem.imei()); // 5.4
            case "+CIMI" -> c.form() == CommandLine.Form.TEST ? Reply.ok()
                    : simGate(modem, s, () -> Reply.ok(sim.imsi())); // 5.6
            case "+CSCS" -> charset(c, s); // 5.5
            case "+CMEE" -> switch (c.form()) { // 9.1
                case TEST -> Reply.ok("+CMEE: (0-2)");
                case READ -> Reply.ok("+CMEE: " + s.cmee);
                case EXECUTE -> {
                    s.cmee = 0;
                    yield Reply.ok();
                }
                case SET -> {
                    int n = c.number(0, 0);
                    if (n < 0 || n > 2) {
                        yield Reply.of("ERROR");
                    }
                    s.cmee = n;
                    yield Reply.ok();
                }
            };
            case "+CFUN" -> switch (c.form()) { // 9.2
                case TEST -> Reply.ok("+CFUN: (0,1,4),(0,1)");
                case READ -> Reply.ok("+CFUN: " + (s.radioOn ? 1 : 0));
                case EXECUTE -> Reply.of("ERROR");
                case SET -> {
                    int fun = c.number(0, -1);
                    if (fun == 1 && c.number(1, 0) == 1) {
                        yield new Reply(List.of("OK"), false, true, -1);
                    }
                    if (fun != 0 && fun != 1 && fun != 4) {
                        yield Reply.of(cme(s, 50, "incorrect parameters"));
                    }
                    s.radioOn = fun == 1;
                    yield Reply.ok();
                }
            };
            case "+CPIN" -> switch (c.form()) { // 8.2
                case TEST -> Reply.ok();
                case READ -> switch (sim.state()) {
                    case ABSENT -> Reply.of(cme(s, 10, "SIM not inserted"));
                    case PIN_REQUIRED -> Reply.ok("+CPIN: SIM PIN");
                    case READY -> Reply.ok("+CPIN: READY");
                };
                case EXECUTE -> Reply.of("ERROR");
                case SET -> sim.state() == EmulatedSim.State.READY ? Reply.of(cme(s, 3, "operation not allowed"))
                        : sim.unlock(c.arg(0)) ? Reply.ok() : Reply.of(cme(s, 16, "incorrect password"));
            };
            case "+CSQ" -> c.form() == CommandLine.Form.TEST ? Reply.ok("+CSQ: (0-31,99),(0-7,99)") // 8.5
                    : Reply.ok("+CSQ: " + (s.radioOn ? s.rssi : 99) + ",99");
            case "+CNUM" -> c.form() == CommandLine.Form.TEST ? Reply.ok() : simGate(modem, s, () -> { // 7.1
                String own = sim.ownNumber();
                return own.isEmpty() ? Reply.ok("+CNUM: ,\"\",129")
                        : Reply.ok("+CNUM: \"" + text(s, "") + "\",\"" + text(s, own) + "\"," + (own.startsWith("+")
                        ? 145 : 129));
            });
            default -> null;
        };
    }

    private static Reply execOnly(CommandLine c, String answer) {
        return c.form() == CommandLine.Form.TEST ? Reply.ok() : c.form() == CommandLine.Form.EXECUTE ? Reply.ok(answer)
                : Reply.of("ERROR");
    }

    private static Reply charset(CommandLine c, ModemState s) {
        return switch (c.form()) {
            case TEST -> Reply.ok("+CSCS: (" + String.join(",", CHARSETS.stream().map(x -> "\"" + x + "\"").toList())
                    + ")");
            case READ -> Reply.ok("+CSCS: \"" + s.charset + "\"");
            case EXECUTE -> Reply.of("ERROR");
            case SET -> {
                // The name itself is written in the current character set: "UCS2" in UCS2 is 0055004300530032.
                String name = decode(s, c.arg(0)).toUpperCase(Locale.ROOT);
                if (!CHARSETS.contains(name)) {
                    yield Reply.of(cme(s, 4, "operation not supported"));
                }
                s.charset = name;
                yield Reply.ok();
            }
        };
    }

    // --- network: 27.007 7 and 10 ---------------------------------------------------------------------------

    private static Reply network(CommandLine c, ModemEmulator modem, ModemState s) {
        Flavour f = modem.flavour();
        return switch (c.name()) {
            case "+CREG" -> registration(c, "+CREG", s.cregMode, v -> s.cregMode = v, modem, s, true);
            case "+CGREG" -> registration(c, "+CGREG", s.cgregMode, v -> s.cgregMode = v, modem, s,
                    true); // 10.1.20: packet-switched, same layout
            case "+CEREG" -> f.radio == Flavour.Radio.LTE
                    ? registration(c, "+CEREG", s.ceregMode, v -> s.ceregMode = v, modem, s, true)
                    : Reply.of(modem.unknownCommandReply()); // only an LTE model has an EPS registration
            case "+CGATT" -> switch (c.form()) { // 10.1.9
                case TEST -> Reply.ok("+CGATT: (0,1)");
                case READ -> Reply.ok("+CGATT: " + (registered(modem, s) ? 1 : 0));
                case SET -> Reply.ok();
                case EXECUTE -> Reply.of("ERROR");
            };
            case "+COPS" -> operator(c, modem, s);
            case "+CSCA" -> switch (c.form()) { // 27.005 3.3.1
                case TEST -> Reply.ok();
                case READ -> simGate(modem, s, () -> Reply.ok("+CSCA: \"" + text(s, s.smsc) + "\","
                        + (s.smsc.startsWith("+") ? 145 : 129)));
                case SET -> {
                    s.smsc = decode(s, c.arg(0));
                    yield Reply.ok();
                }
                case EXECUTE -> Reply.of("ERROR");
            };
            default -> null;
        };
    }

    private static Reply registration(CommandLine c, String name, int mode, java.util.function.IntConsumer set,
                                      ModemEmulator modem, ModemState s, boolean withLocation) {
        return switch (c.form()) {
            case TEST -> Reply.ok(name + ": (0-2)");
            case READ -> Reply.ok(name + ": " + mode + "," + effectiveRegistration(modem, s)
                    + (mode == 2 && registered(modem, s) && withLocation ? location(modem.flavour()) : ""));
            case EXECUTE -> {
                set.accept(0);
                yield Reply.ok();
            }
            case SET -> {
                int n = c.number(0, 0);
                if (n < 0 || n > 2) {
                    yield Reply.of(cme(s, 50, "incorrect parameters"));
                }
                set.accept(n);
                yield Reply.ok();
            }
        };
    }

    /** The cell as +CREG=2 shows it: LAC and cell id, and the access technology where the model reports it. */
    static String location(Flavour f) {
        return ",\"1A2B\",\"00C0FFEE\"" + (f == Flavour.SIMCOM_SIM800 ? "" : "," + f.radio.act);
    }

    private static Reply operator(CommandLine c, ModemEmulator modem, ModemState s) {
        int act = modem.flavour().radio.act;
        return switch (c.form()) {
            case TEST -> Reply.ok("+COPS: (2,\"" + text(s, s.operator) + "\",\"" + text(s, s.operatorShort) + "\",\""
                    + s.operatorNumeric + "\"," + act + "),,(0-4),(0-2)"); // 7.3: the networks found, modes, formats
            case READ -> registered(modem, s) ? Reply.ok("+COPS: 0," + s.copsFormat + ",\"" + operatorIn(s) + "\","
                    + act) : Reply.ok("+COPS: 0");
            case EXECUTE -> Reply.of("ERROR");
            case SET -> {
                int mode = c.number(0, 0);
                int format = c.number(1, s.copsFormat);
                if (mode < 0 || mode > 4 || format < 0 || format > 2) {
                    yield Reply.of(cme(s, 50, "incorrect parameters"));
                }
                // mode 3 only sets the format; 0 is automatic selection, which it already does.
                if (c.argCount() >= 2 || mode == 3) {
                    s.copsFormat = format;
                }
                yield Reply.ok();
            }
        };
    }

    private static String operatorIn(ModemState s) {
        return switch (s.copsFormat) {
            case 1 -> text(s, s.operatorShort);
            case 2 -> s.operatorNumeric;
            default -> text(s, s.operator);
        };
    }

    // --- SMS: 27.005 ---------------------------------------------------------------------------------------------

    private static Reply sms(CommandLine c, ModemEmulator modem, ModemState s) {
        return switch (c.name()) {
            case "+CMGF" -> switch (c.form()) { // 3.2.3
                case TEST -> Reply.ok("+CMGF: (0,1)");
                case READ -> Reply.ok("+CMGF: " + (s.pduMode ? 0 : 1));
                case EXECUTE -> {
                    s.pduMode = true;
                    yield Reply.ok();
                }
                case SET -> {
                    int m = c.number(0, 0);
                    if (m != 0 && m != 1) {
                        yield Reply.of("ERROR");
                    }
                    s.pduMode = m == 0;
                    yield Reply.ok();
                }
            };
            case "+CPMS" -> storage(c, modem, s);
            case "+CNMI" -> switch (c.form()) { // 3.4.1
                case TEST -> Reply.ok("+CNMI: (0-2),(0-3),(0,2),(0,1),(0,1)");
                case READ -> Reply.ok("+CNMI: 2," + s.cnmiMt + ",0," + s.cnmiDs + ",0");
                case EXECUTE -> Reply.ok();
                case SET -> {
                    int mt = c.number(1, 0);
                    int ds = c.number(3, 0);
                    if (mt < 0 || mt > 3 || ds < 0 || ds > 1) { // status reports as +CDS only, not stored (2)
                        yield Reply.of(cms(s, 303));
                    }
                    s.cnmiMt = mt;
                    s.cnmiDs = ds;
                    yield Reply.ok();
                }
            };
            case "+CMGL" -> c.form() == CommandLine.Form.TEST
                    ? Reply.ok(s.pduMode ? "+CMGL: (0-4)" : "+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\","
                    + "\"STO SENT\",\"ALL\")") : simGate(modem, s, () -> list(c, s));
            case "+CMGR" -> c.form() == CommandLine.Form.TEST ? Reply.ok() : simGate(modem, s, () -> read(c, s));
            case "+CMGD" -> switch (c.form()) { // 3.5.4
                case TEST -> Reply.ok("+CMGD: (" + String.join(",", s.storedSms().keySet().stream()
                        .map(String::valueOf).toList()) + "),(0-4)");
                case SET -> {
                    int flag = c.number(1, 0);
                    if (flag > 0) {
                        s.deleteByFlag(flag);
                        yield Reply.ok();
                    }
                    yield s.deleteSms(c.number(0, -1)) ? Reply.ok() : Reply.of(cms(s, 321));
                }
                default -> Reply.of("ERROR");
            };
            case "+CMGS" -> switch (c.form()) { // 3.5.1
                case TEST -> Reply.ok();
                case SET -> s.pduMode ? Reply.body(c.number(0, -1)) : Reply.body(-1);
                default -> Reply.of("ERROR");
            };
            case "+CSMS" -> c.form() == CommandLine.Form.READ ? Reply.ok("+CSMS: 0,1,1,1")
                    : c.form() == CommandLine.Form.TEST ? Reply.ok("+CSMS: (0,1)") : Reply.ok("+CSMS: 1,1,1");
            default -> null;
        };
    }

    /** 27.005 3.2.2: one storage, "SM", for reading, writing and receiving; its use and capacity. */
    private static Reply storage(CommandLine c, ModemEmulator modem, ModemState s) {
        String use = s.used() + "," + ModemState.SMS_CAPACITY;
        return switch (c.form()) {
            case TEST -> Reply.ok("+CPMS: (\"SM\"),(\"SM\"),(\"SM\")");
            case READ -> simGate(modem, s, () -> Reply.ok("+CPMS: \"SM\"," + use + ",\"SM\"," + use + ",\"SM\"," + use));
            case EXECUTE -> Reply.of("ERROR");
            case SET -> {
                for (int i = 0; i < c.argCount(); i++) {
                    if (!decode(s, c.arg(i)).equalsIgnoreCase("SM")) {
                        yield Reply.of(cms(s, 302)); // operation not allowed: no such storage
                    }
                }
                yield simGate(modem, s, () -> Reply.ok("+CPMS: " + use + "," + use + "," + use));
            }
        };
    }

    /** 27.005 3.4.2: the messages of one status (PDU mode 0-4, text mode by name), each with its length. */
    private static Reply list(CommandLine c, ModemState s) {
        int want;
        if (s.pduMode) {
            want = c.form() == CommandLine.Form.EXECUTE ? 0 : c.number(0, -1);
        } else {
            String name = c.form() == CommandLine.Form.EXECUTE ? "REC UNREAD" : decode(s, c.arg(0));
            want = List.of("REC UNREAD", "REC READ", "STO UNSENT", "STO SENT", "ALL").indexOf(name);
        }
        if (want < 0 || want > 4) {
            return Reply.of(cms(s, 302));
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Integer, ModemState.Stored> e : s.storedSms().entrySet()) {
            ModemState.Stored m = e.getValue();
            if (want != 4 && m.stat() != want) {
                continue;
            }
            lines.addAll(entry("+CMGL: " + e.getKey() + ",", m, s));
            s.readSms(e.getKey()); // listed: read (27.005: "REC UNREAD" turns to "REC READ")
        }
        lines.add("OK");
        return Reply.lines(lines);
    }

    private static Reply read(CommandLine c, ModemState s) {
        int index = c.number(0, -1);
        ModemState.Stored m = s.readSms(index);
        if (m == null) {
            return Reply.of(cms(s, 321)); // invalid memory index
        }
        List<String> lines = new ArrayList<>(entry("+CMGR: ", m, s));
        lines.add("OK");
        return Reply.lines(lines);
    }

    /** A message's header and body: PDU mode {@code <stat>,,<TPDU length>}, text mode status, sender, time. */
    private static List<String> entry(String head, ModemState.Stored m, ModemState s) {
        if (s.pduMode) {
            int smsc = Integer.parseInt(m.pdu().substring(0, 2), 16);
            return List.of(head + m.stat() + ",," + (m.pdu().length() / 2 - 1 - smsc), m.pdu());
        }
        SmsPdu p = SmsPdu.decodeDeliver(m.pdu());
        String when;
        try {
            when = SCTS.format(Instant.parse(p.timestamp())) + "+32";
        } catch (RuntimeException e) {
            when = "";
        }
        String status = m.stat() == 0 ? "REC UNREAD" : "REC READ";
        return List.of(head + (head.startsWith("+CMGL") ? "" : "") + "\"" + status + "\",\"" + text(s, p.sender())
                + "\",,\"" + when + "\"", text(s, p.text()));
    }

    // --- calls and supplementary services: 27.007 6 and 7 -------------------------------------------------------

    private static Reply calls(CommandLine c, ModemEmulator modem, ModemState s) {
        return switch (c.name()) {
            case "+CHUP" -> { // 6.5
                if (c.form() == CommandLine.Form.TEST) {
                    yield Reply.ok();
                }
                modem.hangUpAll();
                yield Reply.ok();
            }
            case "+CLCC" -> switch (c.form()) { // 7.18
                case TEST -> Reply.ok();
                case EXECUTE -> Reply.ok(modem.clccLines().stream().map(l -> numbersIn(s, l)).toArray(String[]::new));
                case SET -> {
                    if (modem.flavour().vendorSetting.equals("+CLCC")) {
                        s.clccUrc = c.args().equals("1"); // SIMCom: +CLCC lines pushed on every change
                    }
                    yield Reply.ok();
                }
                case READ -> Reply.ok("+CLCC: " + (s.clccUrc ? 1 : 0));
            };
            case "+CLIP" -> switch (c.form()) { // 7.6
                case TEST -> Reply.ok("+CLIP: (0,1)");
                case READ -> Reply.ok("+CLIP: " + (s.clip ? 1 : 0) + ",1");
                case SET -> {
                    s.clip = c.number(0, 0) == 1;
                    yield Reply.ok();
                }
                case EXECUTE -> Reply.of("ERROR");
            };
            case "+CRC" -> switch (c.form()) { // 6.11
                case TEST -> Reply.ok("+CRC: (0,1)");
                case READ -> Reply.ok("+CRC: " + (s.crc ? 1 : 0));
                case SET -> {
                    s.crc = c.number(0, 0) == 1;
                    yield Reply.ok();
                }
                case EXECUTE -> Reply.of("ERROR");
            };
            case "+CCWA" -> switch (c.form()) { // 7.12
                case TEST -> Reply.ok("+CCWA: (0,1)");
                case READ -> Reply.ok("+CCWA: " + (s.ccwa ? 1 : 0));
                case SET -> {
                    s.ccwa = c.number(0, 0) == 1;
                    yield c.number(1, -1) == 2 ? Reply.ok("+CCWA: 1,1") : Reply.ok();
                }
                case EXECUTE -> Reply.of("ERROR");
            };
            case "+CCFC" -> c.form() == CommandLine.Form.TEST ? Reply.ok("+CCFC: (0-5)")
                    : c.form() == CommandLine.Form.SET ? forwarding(c.args(), modem, s) : Reply.of("ERROR"); // 7.11
            case "+CUSD" -> ussd(c, modem, s);
            default -> null;
        };
    }

    /**
     * ATD: {@code ATD<number>;} a voice call (a T or P after D is ignored, V.250 6.3.1); a dial string that is
     * a 22.030 supplementary-service or USSD string is executed as one, as 27.007 6.2 says, never called.
     */
    private static Reply dial(String args, ModemEmulator modem, ModemState s) {
        String d = args.toUpperCase(Locale.ROOT);
        if (d.startsWith("T") || d.startsWith("P")) {
            d = d.substring(1);
        }
        if (d.startsWith("L")) {
            return Reply.of("ERROR"); // no last number to redial
        }
        boolean voice = d.endsWith(";");
        if (voice) {
            d = d.substring(0, d.length() - 1);
        }
        Matcher ss = SS.matcher(d);
        if (ss.matches() && (ss.group(4).isEmpty() || ss.group(2).equals("31"))) {
            return service(ss, voice, modem, s);
        }
        if (!voice) {
            return Reply.of("NO CARRIER"); // a data call: the emulated modems have no data service
        }
        if (!d.matches("[0-9+*#]{1,40}")) {
            return Reply.of("ERROR");
        }
        return voiceCall(d, modem, s);
    }

    private static Reply voiceCall(String number, ModemEmulator modem, ModemState s) {
        if (!modem.onNetwork()) {
            return Reply.of(modem.sim().state() == EmulatedSim.State.READY ? "NO CARRIER" : cme(s, 10, "SIM not inserted"));
        }
        if (modem.inCall()) {
            return Reply.of(cme(s, 3, "operation not allowed"));
        }
        modem.dial(number);
        return Reply.ok();
    }

    /** A 22.030 string dialled: call forwarding (21), caller-id per call (#31#/*31#), or USSD. */
    private static Reply service(Matcher ss, boolean voice, ModemEmulator modem, ModemState s) {
        String op = ss.group(1);
        String code = ss.group(2);
        String number = ss.group(3) == null ? "" : ss.group(3);
        String after = ss.group(4);
        if (code.equals("31") && !after.isEmpty()) {
            // #31#<number>: this call with the caller id withheld; *31#: shown. Still a voice call.
            return voice ? voiceCall(after, modem, s) : Reply.of("NO CARRIER");
        }
        if (code.equals("21")) {
            String mode = switch (op) {
                case "**", "*" -> number.isEmpty() ? "" : "3";
                case "##", "#" -> "4";
                default -> "2";
            };
            return mode.isEmpty() ? Reply.of(cme(s, 3, "operation not allowed"))
                    : forwarding("0," + mode + (mode.equals("3") ? ",\"" + number + "\"," + (number.startsWith("+")
                    ? 145 : 129) : ""), modem, s);
        }
        // Anything else is a USSD string for the network (*100#, *#06# is the IMEI).
        if ((op + code).equals("*#06") || (op + code).equals("*#6")) {
            return Reply.ok(modem.imei());
        }
        return startUssd(op + code + (number.isEmpty() ? "" : "*" + number) + "#", modem, s);
    }

    /** 27.007 7.15 +CUSD: {@code AT+CUSD=1,"*100#",15}: OK, then the network's answer as +CUSD. */
    private static Reply ussd(CommandLine c, ModemEmulator modem, ModemState s) {
        return switch (c.form()) {
            case TEST -> Reply.ok("+CUSD: (0-2)");
            case READ -> Reply.ok("+CUSD: 1");
            case EXECUTE -> Reply.ok();
            case SET -> {
                int n = c.number(0, 0);
                if (n == 2) {
                    yield Reply.ok(); // cancel the session
                }
                if (n < 0 || n > 2) {
                    yield Reply.of(cme(s, 50, "incorrect parameters"));
                }
                String str = modem.flavour() == Flavour.HUAWEI_E1550 ? unpackedUssd(c.arg(1)) : decode(s, c.arg(1));
                yield str.isEmpty() ? Reply.ok() : startUssd(str, modem, s);
            }
        };
    }

    private static Reply startUssd(String str, ModemEmulator modem, ModemState s) {
        if (!registered(modem, s)) {
            return Reply.of(cme(s, 30, "no network service"));
        }
        if (!str.matches("[0-9*#+]{1,160}")) {
            return Reply.of(cme(s, 50, "incorrect parameters"));
        }
        modem.sendUssdAnswerLater(ussdAnswer(str, s, modem.flavour()));
        return Reply.ok();
    }

    /**
     * What the emulated network answers: a balance query (*100#) in Chinese, as UCS2 with DCS 72 as China's
     * networks send it; anything else in English, DCS 15 (GSM 7-bit), written in the TE character set.
     */
    static String ussdAnswer(String str, ModemState s, Flavour f) {
        if (str.equals("*100#")) {
            String text = "您的账户余额为12.34元";
            return "+CUSD: 0,\"" + HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_16BE))
                    + "\",72";
        }
        String text = "Unknown request " + str;
        return "+CUSD: 0,\"" + (f == Flavour.HUAWEI_E1550 ? packed(text) : text(s, text)) + "\",15";
    }

    /**
     * Huawei's +CUSD carries a DCS 15 string as the network has it, GSM 7-bit packed, in hex (Huawei's AT
     * interface specification for +CUSD; gammu and ModemManager pack for Huawei for this reason).
     */
    private static String unpackedUssd(String hex) {
        if (!hex.matches("([0-9A-Fa-f]{2})+")) {
            return hex;
        }
        byte[] data = io.branchline.hw.at.parse.Gsm7.hex(hex);
        String text = io.branchline.hw.at.parse.Gsm7.decode(io.branchline.hw.at.parse.Gsm7.unpackAll(data));
        return text.replace("@", "").strip(); // a trailing fill septet of 0 reads as '@'
    }

    /** ASCII text (digits, letters, * and #: all in the GSM default alphabet at their ASCII codes) packed. */
    private static String packed(String text) {
        StringBuilder hex = new StringBuilder();
        int acc = 0;
        int bits = 0;
        for (char ch : text.toCharArray()) {
            acc |= (ch & 0x7f) << bits;
            bits += 7;
            while (bits >= 8) {
                hex.append(String.format("%02X", acc & 0xff));
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            hex.append(String.format("%02X", acc & 0xff));
        }
        return hex.toString();
    }

    /** AT+CCFC=0,<mode>[,"<number>",<type>[,<class>]]: unconditional forwarding of voice calls (7.11). */
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

    // --- vendor commands ----------------------------------------------------------------------------------------

    private static Reply vendor(CommandLine c, ModemEmulator modem, ModemState s) {
        Reply r = modem.vendorCommands().answer(c, modem, s);
        return r != null ? r : Reply.of(modem.unknownCommandReply());
    }

    // --- shared -------------------------------------------------------------------------------------------------

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

    /** Text as the TE character set writes it (27.007 5.5): UCS2 as four hex digits a character. */
    static String text(ModemState s, String value) {
        return s.charset.equals("UCS2") ? HexFormat.of().withUpperCase().formatHex(value.getBytes(
                StandardCharsets.UTF_16BE)) : value;
    }

    /** A string parameter the host wrote in the TE character set, as text. */
    static String decode(ModemState s, String value) {
        if (!s.charset.equals("UCS2") || value.length() % 4 != 0 || !value.matches("[0-9A-Fa-f]*")) {
            return value;
        }
        return new String(HexFormat.of().parseHex(value), StandardCharsets.UTF_16BE);
    }

    /** A +CLCC line with its number in the TE character set. */
    private static String numbersIn(ModemState s, String clcc) {
        if (!s.charset.equals("UCS2")) {
            return clcc;
        }
        Matcher m = Pattern.compile("\"([0-9+*#]+)\"").matcher(clcc);
        return m.find() ? clcc.substring(0, m.start(1)) + text(s, m.group(1)) + clcc.substring(m.end(1)) : clcc;
    }

    /** An error as AT+CMEE set it: plain, numeric, or verbose. */
    static String cme(ModemState s, int code, String text) {
        return switch (s.cmee) {
            case 1 -> "+CME ERROR: " + code;
            case 2 -> "+CME ERROR: " + text;
            default -> "ERROR";
        };
    }

    static String cms(ModemState s, int code) {
        return s.cmee == 0 ? "ERROR" : "+CMS ERROR: " + code;
    }
}
