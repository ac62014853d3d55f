package io.branchline.hw.at.parse;

/**
 * +CMTI / +CDSI: a message (or status report) was stored at {@code <mem>,<index>}. The memory may come
 * unquoted and numeric (chan_dongle's "0,111"); an index of -1 (seen on real dongles) means unknown,
 * and the box then lists the whole store again.
 */
public record SmsNotice(String memory, int index) {

    public static SmsNotice parse(String payload) {
        AtFields f = AtFields.of(payload, "+CMTI:");
        return new SmsNotice(f.textOrEmpty(0), f.requireInt(1, "index"));
    }

    public boolean indexKnown() {
        return index >= 0;
    }
}
