package io.branchline.hw.at;

/** Something went wrong talking AT: the base of the engine's unchecked exceptions. */
public class AtException extends RuntimeException {
    public AtException(String message) {
        super(message);
    }

    public AtException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The modem did not finish the command in time. Not a reset: the caller counts and escalates. */
    public static final class Timeout extends AtException {
        public Timeout(String port, AtCommand command) {
            super(port + ": no answer to " + io.branchline.hw.serial.SecretMask.redact(command.text()) + " within " + command.timeout().toMillis() + " ms");
        }
    }

    /** The port went away (USB re-enumeration, cable, close) while the command waited. */
    public static final class LinkLost extends AtException {
        public LinkLost(String port, String what) {
            super(port + ": link lost " + what);
        }
    }

    /** The modem answered with an error; {@link #result()} says which. */
    public static final class Failed extends AtException {
        private final transient FinalResult result;

        public Failed(String port, AtCommand command, FinalResult result) {
            super(port + ": " + io.branchline.hw.serial.SecretMask.redact(command.text()) + " failed: " + result);
            this.result = result;
        }

        public FinalResult result() {
            return result;
        }
    }
}
