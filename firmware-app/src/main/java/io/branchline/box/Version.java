package io.branchline.box;

/** The box's version, from the jar manifest when built, else "dev". */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
