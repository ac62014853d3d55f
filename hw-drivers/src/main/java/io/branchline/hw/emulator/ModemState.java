package io.branchline.hw.emulator;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The settings and radio state of an emulated modem, as its AT commands change them. */
final class ModemState {
    volatile boolean echo = true;
    volatile int cmee;
    volatile boolean clip;
    volatile int cregMode;
    volatile int ceregMode;
    volatile int rssi = 20;
    volatile int registration = 1;
    volatile String operator = "CHINA MOBILE";
    volatile boolean radioOn = true;
    volatile boolean pduMode;
    /** SIMCom's AT+CLCC=1: push +CLCC lines on every call change. */
    volatile boolean clccUrc;
    private final Map<Integer, String> sms = new TreeMap<>();
    private int nextSms;
    private int sentSms;

    /** What a power cycle resets: the command settings, not the network or the SIM. */
    void reset() {
        echo = true;
        cmee = 0;
        clip = false;
        cregMode = 0;
        ceregMode = 0;
        radioOn = true;
        pduMode = false;
        clccUrc = false;
    }

    synchronized int storeSms(String pdu) {
        int i = nextSms++;
        sms.put(i, pdu);
        return i;
    }

    synchronized Map<Integer, String> storedSms() {
        return new TreeMap<>(sms);
    }

    synchronized boolean deleteSms(int index) {
        return sms.remove(index) != null;
    }

    synchronized List<String> acceptSentSms(String pdu) {
        if (!pdu.matches("[0-9A-Fa-f]+")) {
            return List.of("+CMS ERROR: 304");
        }
        return List.of("+CMGS: " + (++sentSms), "OK");
    }
}
