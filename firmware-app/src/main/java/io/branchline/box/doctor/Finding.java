package io.branchline.box.doctor;

/** One thing the doctor checked, and what it found. */
public record Finding(Level level, String topic, String message) {

    public enum Level {
        OK("ok"), INFO("info"), WARN("WARN"), PROBLEM("PROBLEM");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Finding ok(String topic, String message) {
        return new Finding(Level.OK, topic, message);
    }

    public static Finding info(String topic, String message) {
        return new Finding(Level.INFO, topic, message);
    }

    public static Finding warn(String topic, String message) {
        return new Finding(Level.WARN, topic, message);
    }

    public static Finding problem(String topic, String message) {
        return new Finding(Level.PROBLEM, topic, message);
    }
}
