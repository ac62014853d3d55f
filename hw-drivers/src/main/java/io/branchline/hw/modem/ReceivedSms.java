package io.branchline.hw.modem;

import java.util.List;

/**
 * A text message a line's SIM received: who sent it, the network's time stamp, and the text, the parts of a
 * long message joined in their order whatever order they came in. {@code missing} names the parts that had
 * not come when the box stopped waiting for them ({@link SmsInbox#PARTS_WAIT}): the text then holds a gap
 * marker where each was, so that nothing that did come is held back for ever.
 */
public record ReceivedSms(String lineId, String simIccid, String sender, String sentAt, String text, int parts,
                          List<Integer> missing) {
    /** Marks a part that never came, inside the joined text. */
    public static final String GAP = "[…]";

    public ReceivedSms {
        missing = List.copyOf(missing);
    }

    public ReceivedSms(String lineId, String simIccid, String sender, String sentAt, String text, int parts) {
        this(lineId, simIccid, sender, sentAt, text, parts, List.of());
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
