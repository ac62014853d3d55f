package io.branchline.box.line;

/** One SIM slot of a line: its number, the card expected there, its own number and its dial prefix (号码前缀). */
public record SimSlot(int slot, String iccid, String ownNumber, String prefix) {
}
