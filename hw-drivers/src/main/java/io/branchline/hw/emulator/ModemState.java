package io.branchline.hw.emulator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The settings and radio state of an emulated modem, as its AT commands change them. */
final class ModemState {
    /** A message in storage: its PDU (with the SMSC address in front) and 27.005 3.1 status (0 unread, 1 read). */
    record Stored(String pdu, int stat) {
    }

    private final Flavour flavour;
    volatile boolean echo = true;
    volatile int cmee;
    volatile boolean clip;
    volatile int cregMode;
    volatile int cgregMode;
    volatile int ceregMode;
    volatile int rssi = 20;
    volatile int registration = 1;
    volatile String operator = "CHINA MOBILE";
    volatile String operatorShort = "CMCC";
    volatile String operatorNumeric = "46000";
    /** 27.007 7.3 +COPS <format>: 0 long alphanumeric, 1 short, 2 numeric. */
    volatile int copsFormat;
    volatile boolean radioOn = true;
    volatile boolean pduMode;
    /** 27.007 5.5 +CSCS: how text goes over the wire. */
    volatile String charset;
    /** 27.005 3.4.1 +CNMI <mt>: 0 store only, 1 or 2 store and announce with +CMTI. */
    volatile int cnmiMt;
    /** 27.005 3.4.1 +CNMI <ds>: 1 sends status reports as +CDS (PDU mode), 0 none. */
    volatile int cnmiDs;
    volatile boolean crc;
    volatile boolean ccwa;
    /** Huawei's AT^PORTSEL=1: its ^ URCs go to the PC UI port, not this one. */
    volatile boolean urcsOnOtherPort;
    /** SIMCom's AT+CLCC=1: push +CLCC lines on every call change. */
    volatile boolean clccUrc;
    volatile String smsc = "+8613800100500";
    private final Map<Integer, Stored> sms = new TreeMap<>();
    private int sentSms;
    static final int SMS_CAPACITY = 50;

    ModemState(Flavour flavour) {
        this.flavour = flavour;
        this.charset = flavour.defaultCharset;
    }

    /** What a power cycle resets: the command settings, not the network or the SIM. */
    void reset() {
        echo = true;
        cmee = 0;
        clip = false;
        cregMode = 0;
        cgregMode = 0;
        ceregMode = 0;
        copsFormat = 0;
        radioOn = true;
        pduMode = false;
        charset = flavour.defaultCharset;
        cnmiMt = 0;
        cnmiDs = 0;
        crc = false;
        ccwa = false;
        clccUrc = false;
        urcsOnOtherPort = false;
    }

    /** Stores a received message in the first free index (the vendor's first one up); -1 when storage is full. */
    synchronized int storeSms(String pdu) {
        for (int i = flavour.firstSmsIndex; i < flavour.firstSmsIndex + SMS_CAPACITY; i++) {
            if (!sms.containsKey(i)) {
                sms.put(i, new Stored(pdu, 0));
                return i;
            }
        }
        return -1;
    }

    synchronized Map<Integer, Stored> storedSms() {
        return new TreeMap<>(sms);
    }

    /** Reads a message: it is REC READ from now on (27.005 3.4.3). */
    synchronized Stored readSms(int index) {
        Stored s = sms.get(index);
        if (s != null && s.stat() == 0) {
            sms.put(index, new Stored(s.pdu(), 1));
        }
        return s;
    }

    synchronized boolean deleteSms(int index) {
        return sms.remove(index) != null;
    }

    /** 27.005 3.4.4 +CMGD with a <delflag>: 1 read, 2 read and sent, 3 read, sent and unsent, 4 all. */
    synchronized void deleteByFlag(int flag) {
        sms.entrySet().removeIf(e -> flag >= 4 || e.getValue().stat() == 1);
    }

    synchronized int used() {
        return sms.size();
    }

    /** A text-mode message sent: its message reference. */
    synchronized int storeSentCount() {
        return ++sentSms;
    }

    /** A PDU the host sent after +CMGS=<length>: checked against the announced TPDU length (27.005 3.5.1). */
    synchronized List<String> acceptSentSms(String pdu, int announced) {
        return acceptSentSms(pdu, announced, null);
    }

    /**
     * As above; a PDU that is a well-formed SMS-SUBMIT goes to {@code sent} with the message reference
     * (0-255, 23.040 9.2.3.6) the answer gives it. One that is not is refused with +CMS ERROR 304, as a
     * modem refuses what it cannot send.
     */
    synchronized List<String> acceptSentSms(String pdu, int announced, java.util.function.BiConsumer<Integer,
            EmulatedSms.Submitted> sent) {
        if (!pdu.matches("[0-9A-Fa-f]+") || pdu.length() % 2 != 0) {
            return List.of(EmulatorCommands.cms(this, 304));
        }
        int smscOctets = Integer.parseInt(pdu.substring(0, 2), 16);
        int tpdu = pdu.length() / 2 - 1 - smscOctets;
        if (announced >= 0 && tpdu != announced) {
            return List.of(EmulatorCommands.cms(this, 304)); // invalid PDU mode parameter
        }
        EmulatedSms.Submitted submitted;
        try {
            submitted = EmulatedSms.submitted(pdu);
        } catch (IllegalArgumentException e) {
            return List.of(EmulatorCommands.cms(this, 304));
        }
        int mr = ++sentSms & 0xff;
        if (sent != null) {
            sent.accept(mr, submitted);
        }
        return List.of("+CMGS: " + mr, "OK");
    }
}
