package io.branchline.box.cli;

/** Exit codes scripts can rely on. */
public final class ExitCode {
    /** Done; for doctor: nothing wrong. */
    public static final int OK = 0;
    /** It ran and found a problem (doctor), or the box failed while running. */
    public static final int PROBLEM = 1;
    /** The command line or the configuration is wrong; the message says which part. */
    public static final int USAGE = 2;
    /** The box is not running (or not at that address). */
    public static final int BOX_UNREACHABLE = 3;
    /** The box was asked to restart (the admin page's system page): systemd's Restart=on-failure starts it again. */
    public static final int RESTART = 75;

    private ExitCode() {
    }
}
