package io.branchline.hw.at;

/**
 * Tells the solicited +CREG form ({@code <n>,<stat>[,<lac>,<ci>[,<act>]]}) from the URC form
 * ({@code <stat>[,<lac>,<ci>[,<act>]]}): the solicited form's second field is a small decimal stat,
 * the URC's second field (if any) is a LAC.
 */
final class RegistrationShape {
    private RegistrationShape() {
    }

    static boolean isSolicited(String payload) {
        String[] f = payload.split(",", -1);
        if (f.length < 2) {
            return false;
        }
        String second = f[1].trim();
        if (!second.matches("\\d{1,2}")) {
            return false;
        }
        // Three fields exist only in the URC layout (stat,lac,ci); the solicited one has n,stat[,lac,ci[,act]].
        return f.length != 3;
    }
}
