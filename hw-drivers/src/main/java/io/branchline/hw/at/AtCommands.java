package io.branchline.hw.at;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Every AT command the box sends, built from typed values. String parameters are quoted and escaped
 * (27.007 4.1: a backslash and two hex digits for {@code "}, {@code \}, control and non-ASCII bytes, as
 * ModemManager's mm_at_quote_string does since its 2026 injection fixes); numbers are
 * {@link DialString}s. There is no way to paste text into a command except {@link #raw}, which needs the
 * debug switch.
 */
public final class AtCommands {
    private AtCommands() {
    }

    private static AtCommand query(String text, String prefix) {
        return new AtCommand(text, AtCommand.Kind.PLAIN, CommandTimeouts.forCommand(text), true, prefix, null, false);
    }

    private static AtCommand action(String text) {
        return new AtCommand(text, AtCommand.Kind.PLAIN, CommandTimeouts.forCommand(text), false, null, null, false);
    }

    // --- liveness and set-up -------------------------------------------------------------------------------

    public static AtCommand ping() {
        return query("AT", null).withTimeout(Duration.ofSeconds(1));
    }

    public static AtCommand echoOff() {
        return query("ATE0", null);
    }

    /** Verbose +CME errors: without them a failure says nothing (chan_dongle's CMEE=0 regret). */
    public static AtCommand verboseErrors() {
        return query("AT+CMEE=2", null);
    }

    public static AtCommand callerIdOn() {
        return query("AT+CLIP=1", null);
    }

    public static AtCommand registrationUrcsOn() {
        return query("AT+CREG=2", null);
    }

    public static AtCommand lteRegistrationUrcsOn() {
        return query("AT+CEREG=2", null);
    }

    public static AtCommand operatorNameFormatLong() {
        return query("AT+COPS=3,0", null).withTimeout(Duration.ofSeconds(5));
    }

    public static AtCommand smsPduMode() {
        return query("AT+CMGF=0", null);
    }

    /** A full restart: USB modems re-enumerate, so the port must be found again afterwards. */
    public static AtCommand restart() {
        return action("AT+CFUN=1,1");
    }

    public static AtCommand radio(boolean on) {
        return action(on ? "AT+CFUN=1" : "AT+CFUN=0");
    }

    // --- identity ----------------------------------------------------------------------------------------------

    public static AtCommand manufacturer() {
        return query("AT+CGMI", null);
    }

    public static AtCommand model() {
        return query("AT+CGMM", null);
    }

    public static AtCommand revision() {
        return query("AT+CGMR", null);
    }

    public static AtCommand imei() {
        return query("AT+CGSN", null);
    }

    public static AtCommand imsi() {
        return query("AT+CIMI", null);
    }

    /** The ICCID command differs per vendor: AT+CCID (SIMCom), AT+QCCID (Quectel), AT^ICCID? (Huawei). */
    public static AtCommand iccid(IccidCommand variant) {
        return query(variant.text, variant.prefix);
    }

    public enum IccidCommand {
        CCID("AT+CCID", null), CICCID("AT+CICCID", "+ICCID:"), QCCID("AT+QCCID", "+QCCID:"), ICCID("AT+ICCID", "+ICCID:"), HUAWEI("AT^ICCID?", "^ICCID:");

        final String text;
        final String prefix;

        IccidCommand(String text, String prefix) {
            this.text = text;
            this.prefix = prefix;
        }
    }

    public static AtCommand ownNumber() {
        return query("AT+CNUM", "+CNUM:");
    }

    // --- state -------------------------------------------------------------------------------------------------

    public static AtCommand signal() {
        return query("AT+CSQ", "+CSQ:");
    }

    public static AtCommand registration() {
        return query("AT+CREG?", "+CREG:");
    }

    public static AtCommand lteRegistration() {
        return query("AT+CEREG?", "+CEREG:");
    }

    public static AtCommand operator() {
        return query("AT+COPS?", "+COPS:");
    }

    public static AtCommand simState() {
        return query("AT+CPIN?", "+CPIN:");
    }

    /** For modems that answer AT+CPIN? without OK (the vendor profile knows). */
    public static AtCommand simStateWithoutOk() {
        return simState().endingOnResponseLine();
    }

    public static AtCommand enterPin(String pin) {
        if (pin == null || !pin.matches("\\d{4,8}")) {
            throw new InvalidAtArgumentException("pin", "must be 4 to 8 digits");
        }
        return action("AT+CPIN=" + quote("pin", pin));
    }

    public static AtCommand listCalls() {
        return query("AT+CLCC", "+CLCC:");
    }

    // --- calls -------------------------------------------------------------------------------------------------

    /** A voice call: {@code ATD<number>;}. Never repeated after a timeout. */
    public static AtCommand dial(DialString number) {
        String text = "ATD" + number.digits() + ";";
        return new AtCommand(text, AtCommand.Kind.CALL, CommandTimeouts.forCommand(text), false, null, null, false);
    }

    public static AtCommand answer() {
        return new AtCommand("ATA", AtCommand.Kind.CALL, CommandTimeouts.forCommand("ATA"), false, null, null, false);
    }

    public static AtCommand hangUp() {
        return action("AT+CHUP");
    }

    // --- call forwarding (27.007 7.11) -------------------------------------------------------------------------

    /** Registers unconditional forwarding of voice calls to {@code number}: {@code AT+CCFC=0,3,"n",t,1}. */
    public static AtCommand forwardUnconditional(DialString number) {
        return action("AT+CCFC=0,3," + quote("number", number.digits()) + "," + number.typeOfAddress() + ",1");
    }

    public static AtCommand queryUnconditionalForwarding() {
        return query("AT+CCFC=0,2", "+CCFC:");
    }

    public static AtCommand eraseUnconditionalForwarding() {
        return action("AT+CCFC=0,4");
    }

    // --- USSD and SMS ------------------------------------------------------------------------------------------

    public static AtCommand ussd(String text) {
        if (text == null || text.isEmpty() || text.length() > 160) {
            throw new InvalidAtArgumentException("ussd", "must be 1 to 160 characters");
        }
        return action("AT+CUSD=1," + quote("ussd", text) + ",15");
    }

    /** As {@link #ussd(String)}, the string GSM-7 packed in hex (Huawei). */
    public static AtCommand ussdPacked(String text) {
        int[] septets = text == null ? null : io.branchline.hw.at.parse.Gsm7.encode(text);
        if (septets == null || text.isEmpty() || text.length() > 160) {
            throw new InvalidAtArgumentException("ussd", "must be 1 to 160 characters of the GSM alphabet");
        }
        return action("AT+CUSD=1,\"" + java.util.HexFormat.of().withUpperCase()
                .formatHex(io.branchline.hw.at.parse.Gsm7.pack(septets, 0)) + "\",15");
    }

    /**
     * New SMS are stored on the SIM and announced with +CMTI, status reports of sent ones come as +CDS
     * (27.005 3.4.1: mode 2, mt 1, ds 1).
     */
    public static AtCommand newSmsIndications() {
        return query("AT+CNMI=2,1,0,1,0", null);
    }

    /** As {@link #newSmsIndications()} without status reports, for a modem that refuses ds 1. */
    public static AtCommand newSmsIndicationsOnly() {
        return query("AT+CNMI=2,1,0,0,0", null);
    }

    public static AtCommand deleteSms(int index) {
        if (index < 0 || index > 9999) {
            throw new InvalidAtArgumentException("index", "must be 0 to 9999");
        }
        return query("AT+CMGD=" + index, null);
    }

    public static AtCommand listSms() {
        return query("AT+CMGL=4", "+CMGL:").withPduLines();
    }

    public static AtCommand readSms(int index) {
        if (index < 0 || index > 9999) {
            throw new InvalidAtArgumentException("index", "must be 0 to 9999");
        }
        return query("AT+CMGR=" + index, "+CMGR:").withPduLines();
    }

    /** Sends an SMS in PDU mode: {@code AT+CMGS=<tpdu length>}, then the hex PDU and Ctrl-Z after "> ". */
    public static AtCommand sendSmsPdu(String hexPdu, int tpduLength) {
        if (hexPdu == null || hexPdu.isEmpty() || hexPdu.length() % 2 != 0 || !hexPdu.matches("[0-9A-Fa-f]+")) {
            throw new InvalidAtArgumentException("pdu", "must be an even number of hex digits");
        }
        if (tpduLength <= 0 || tpduLength > 176) {
            throw new InvalidAtArgumentException("length", "must be 1 to 176 octets");
        }
        String text = "AT+CMGS=" + tpduLength;
        byte[] body = (hexPdu.toUpperCase() + "\u001a").getBytes(StandardCharsets.US_ASCII);
        return new AtCommand(text, AtCommand.Kind.PROMPT, CommandTimeouts.forCommand(text), false, "+CMGS:", body,
                false);
    }

    // --- vendor switches (fixed texts, no parameters) ------------------------------------------------------------

    /** SIMCom: push +CLCC on every call state change instead of being polled. */
    public static AtCommand simcomCallListUrcs() {
        return query("AT+CLCC=1", null);
    }

    /** Huawei: keep the call-progress URCs (^ORIG/^CONF/^CONN/^CEND) on. */
    public static AtCommand huaweiUrcsOn() {
        return query("AT^CURC=1", null);
    }

    /** Quectel: send URCs to the AT port the box listens on, not to the modem port. */
    public static AtCommand quectelUrcsOnUsbAt() {
        return query("AT+QURCCFG=\"urcport\",\"usbat\"", null);
    }

    /** Quectel: the modem detects the caller's keys and reports each as +QTONEDET: ASCII code. */
    public static AtCommand quectelKeyDetection() {
        return query("AT+QTONEDET=1", null);
    }

    /** SIMCom: the modem detects the caller's keys and reports each as +RXDTMF: key. */
    public static AtCommand simcomKeyDetection() {
        return query("AT+DDET=1", null);
    }

    // --- voice over USB ----------------------------------------------------------------------------------------

    /** Quectel: PCM voice on the USB NMEA port ({@code AT+QPCMV=1,0}), or off ({@code AT+QPCMV=0}). */
    public static AtCommand quectelVoice(boolean on) {
        return query(on ? "AT+QPCMV=1,0" : "AT+QPCMV=0", null);
    }

    /** SIMCom: PCM on the USB audio interface ({@code AT+CPCMREG=1}); accepted only once the call is up. */
    public static AtCommand simcomVoice(boolean on) {
        return query(on ? "AT+CPCMREG=1" : "AT+CPCMREG=0", null);
    }

    /** Huawei: is voice on the audio tty available ({@code ^CVOICE:0,8000,16,20})? */
    public static AtCommand huaweiVoiceQuery() {
        return query("AT^CVOICE?", "^CVOICE:");
    }

    /** Huawei: route this call's voice to the audio tty ({@code AT^DDSETEX=2}). */
    public static AtCommand huaweiVoiceToAudioPort() {
        return query("AT^DDSETEX=2", null);
    }

    // --- the escape hatch --------------------------------------------------------------------------------------

    /**
     * An arbitrary command for an installer's debugging session. Refused unless the box runs with the debug
     * switch on; even then it must be one printable-ASCII line starting with AT.
     */
    public static AtCommand raw(String text, boolean debugEnabled) {
        if (!debugEnabled) {
            throw new InvalidAtArgumentException("command", "raw AT is only allowed with --debug-raw-at");
        }
        if (text == null || !text.regionMatches(true, 0, "AT", 0, 2) || !text.matches("[\\x20-\\x7e]{2,200}")) {
            throw new InvalidAtArgumentException("command", "must be one printable line starting with AT");
        }
        return action(text);
    }

    /** Quotes one string parameter, escaping what could end the string or the command. */
    static String quote(String field, String value) {
        if (value == null) {
            throw new InvalidAtArgumentException(field, "is missing");
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                sb.append('\\').append(String.format("%02X", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append('"').toString();
    }
}
