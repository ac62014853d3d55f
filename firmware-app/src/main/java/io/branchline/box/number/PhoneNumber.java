package io.branchline.box.number;

import io.branchline.box.store.StoredText;
import java.util.List;
import java.util.Optional;

/**
 * A customer's phone number, read once, the same way for dialing and for the call guard's lists: every
 * form of one subscriber ({@code +86 139-0000-0005}, {@code 0086…}, {@code 013900000005}, {@code
 * 17951 13900000005}, {@code +860…}) has one {@link #subscriber()} form, which the lists store and compare,
 * and one {@link #dialable()} form, which the modem dials. Service codes are not phone numbers: anything
 * with {@code *} or {@code #} ({@code **21*…#} call forwarding, {@code *100#} USSD, {@code #31#…} caller-id
 * suppression) is refused, so that nothing typed can change a SIM's settings outside the box's journals.
 *
 * <p>Accepted: Chinese mobiles (11 digits, {@code 1[3-9]…}); fixed lines with their area code ({@code 0} and
 * 9 to 11 more digits, or without the {@code 0} after {@code +86}); local fixed-line numbers of 7 or 8
 * digits; international numbers ({@code +} or {@code 00}, a country code, 7 to 15 digits in all: E.164's
 * longest, and the shortest in use, such as Niue's +683 and four digits); each
 * with spaces, dashes, dots or brackets between the digits, and an extension after {@code ,} {@code ext}
 * {@code x} or {@code 转} that only a plan that can dial one uses.
 */
public record PhoneNumber(String subscriber, String dialable, Kind kind, String extension) {
    /** The longest text taken as a number, separators included. */
    public static final int MAX_INPUT = 40;

    public enum Kind { MOBILE, FIXED_LINE, LOCAL, INTERNATIONAL }

    /**
     * The carriers' IP long-distance prefixes (IP长途前缀): dialled before a number to route it cheaply, and
     * so a way to make a listed number look new. The box dials without them (a SIM's own prefix comes from
     * its slot's configuration).
     */
    static final List<String> CARRIER_PREFIXES = List.of("17951", "17911", "17909", "17908", "17901", "12593",
            "10193", "11808", "96688", "12520");

    /** Reads {@code raw}; throws {@link InvalidNumberException} naming {@code field} when it is not a number. */
    public static PhoneNumber parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidNumberException(field, "is empty; give a phone number");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidNumberException(field, "is longer than " + MAX_INPUT + " characters");
        }
        String text = raw.strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '#') {
                throw new InvalidNumberException(field, "\"" + printable(text) + "\" is a service code (USSD or"
                        + " a supplementary service such as call forwarding), not a phone number");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidNumberException(field, String.format("holds control character 0x%02X at"
                        + " position %d", (int) c, i + 1));
            }
        }
        String extension = "";
        String[] parts = text.split("\\s*(,|ext\\.?|x|转)\\s*", 2);
        if (parts.length == 2) {
            extension = parts[1];
            if (!extension.matches("[0-9]{1,8}")) {
                throw new InvalidNumberException(field, "extension \"" + printable(extension)
                        + "\" must be 1 to 8 digits");
            }
            text = parts[0];
        }
        if (!text.matches("\\+?\\(?[0-9][0-9 ()./-]*")) {
            throw new InvalidNumberException(field, "may hold only digits, a leading + and spaces, dashes, dots or"
                    + " brackets between them; \"" + printable(text) + "\" is not a phone number");
        }
        boolean plus = text.startsWith("+");
        String digits = text.replaceAll("[^0-9]", "");
        return read(field, raw, plus, digits, extension);
    }

    private static PhoneNumber read(String field, String raw, boolean plus, String digits, String extension) {
        String national;
        if (plus || digits.startsWith("00")) {
            String international = plus ? digits : digits.substring(2);
            if (!international.startsWith("86")) {
                if (international.length() < 7 || international.length() > 15 || international.startsWith("0")) {
                    throw new InvalidNumberException(field, "\"" + printable(raw) + "\" is not an international"
                            + " number (a country code and 7 to 15 digits in all)");
                }
                return new PhoneNumber("+" + international, "+" + international, Kind.INTERNATIONAL, extension);
            }
            national = international.substring(2);
            if (national.startsWith("0")) {
                national = national.substring(1); // +86 0755…: the trunk 0 does not belong after the country code
            }
            national = withoutCarrierPrefix(national);
            if (!isMobile(national)) {
                national = "0" + national; // an area code after +86 is dialled with its trunk 0 at home
            }
        } else if (digits.length() == 13 && digits.startsWith("86") && isMobile(digits.substring(2))) {
            national = digits.substring(2); // 8613900000005: the country code without its +
        } else {
            national = withoutCarrierPrefix(digits);
        }
        if (national.length() == 12 && national.startsWith("0") && isMobile(national.substring(1))) {
            national = national.substring(1); // 013912345678: a trunk 0 before a mobile
        }
        if (isMobile(national)) {
            return new PhoneNumber(national, national, Kind.MOBILE, extension);
        }
        if (national.matches("0[1-9][0-9]{8,10}")) {
            return new PhoneNumber(national, national, Kind.FIXED_LINE, extension);
        }
        if (national.matches("[2-9][0-9]{6,7}")) {
            return new PhoneNumber(national, national, Kind.LOCAL, extension);
        }
        throw new InvalidNumberException(field, "\"" + printable(raw) + "\" is not a phone number: expected a"
                + " mobile (11 digits from 13…19…), a fixed line with its area code (0…), a local number of 7 or 8"
                + " digits, or an international number (+…)");
    }

    private static boolean isMobile(String digits) {
        return digits.matches("1[3-9][0-9]{9}");
    }

    private static String withoutCarrierPrefix(String national) {
        for (String p : CARRIER_PREFIXES) {
            if (national.startsWith(p) && national.length() > p.length() + 6) {
                return national.substring(p.length());
            }
        }
        return national;
    }

    /** The subscriber form of {@code raw}, if it is a phone number at all (the lists' lookups). */
    public static Optional<String> subscriberOf(String raw) {
        try {
            return Optional.of(parse("number", raw).subscriber());
        } catch (InvalidNumberException e) {
            return Optional.empty();
        }
    }

    private static String printable(String s) {
        return StoredText.printable(s.length() > MAX_INPUT + 8 ? s.substring(0, MAX_INPUT + 8) + "…" : s);
    }
}
