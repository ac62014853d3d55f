package io.branchline.hw.modem;

/**
 * A text message a line's SIM received, whole (the parts of a long message joined): who sent it, the
 * network's time stamp, and the text.
 */
public record ReceivedSms(String lineId, String simIccid, String sender, String sentAt, String text, int parts) {
}
