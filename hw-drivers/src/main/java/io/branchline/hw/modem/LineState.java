package io.branchline.hw.modem;

/** What an installer needs to know about a line at a glance. */
public enum LineState {
    UP("up"),
    NO_SIM("no SIM"),
    PIN_NEEDED("PIN needed"),
    NOT_REGISTERED("not registered"),
    DOWN("down");

    private final String label;

    LineState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
