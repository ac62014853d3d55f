package io.branchline.box.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.branchline.box.number.InvalidNumberException;
import io.branchline.box.number.PhoneNumber;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 隐号 (the seed manual's 8.7): customer numbers as {@code 150****4763}. This is the one masking point: every
 * JSON answer of the API goes through it for a masked viewer (the CLI prints those answers), so a route
 * cannot forget it. It works on what the answer is, not on which route made it: every text that is a phone
 * number is masked, and every run of 7 or more digits inside other text (an error naming the number, a
 * path), whatever field holds it. Identifiers are left as they are: {@code id} and fields ending in
 * {@code Id}, and the SIM's and modem's ICCID, IMSI and IMEI, which are not customers' numbers. Times and
 * days are not numbers.
 */
public final class NumberMask {
    // Not bounded by letters: a dial command (ATD13912345675;) is a number too.
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])\\+?[0-9]{7,}(?![0-9])");
    private static final Pattern TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+Z?)?");
    private static final List<String> KEEP = List.of("id", "iccid", "simiccid", "imsi", "imei", "sha256");

    /** The masked view of the API's answers. */
    public static final io.branchline.box.web.AnswerView VIEW = new io.branchline.box.web.AnswerView() {
        @Override
        public JsonNode json(JsonNode answer) {
            return apply(answer);
        }

        @Override
        public String text(String answer) {
            return maskText(answer);
        }
    };

    private NumberMask() {
    }

    /** {@code 15012344763} → {@code 150****4763}; {@code +86 150 1234 4763} → {@code +86 150****4763}. */
    public static String mask(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        String country = "";
        if (number.strip().startsWith("+86") || digits.startsWith("0086")) {
            country = "+86 ";
            digits = digits.substring(digits.startsWith("0086") ? 4 : 2);
        } else if (number.strip().startsWith("+")) {
            country = "+";
        }
        if (digits.length() <= 4) {
            return country + "*".repeat(digits.length());
        }
        if (digits.length() < 8) {
            return country + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4);
        }
        return country + digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    /** Every number in {@code text}: the whole text when it is one, else each long run of digits in it. */
    public static String maskText(String text) {
        if (isNumber(text)) {
            return mask(text);
        }
        Matcher m = DIGIT_RUN.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(mask(m.group())));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    /** A copy of {@code node} with every customer number masked. */
    public static JsonNode apply(JsonNode node) {
        return apply(null, node);
    }

    private static JsonNode apply(String key, JsonNode node) {
        if (node.isTextual()) {
            return keep(key) ? node : TextNode.valueOf(maskText(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(e -> out.add(apply(key, e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(maskText(e.getKey()), apply(e.getKey(), e.getValue()));
            }
            return out;
        }
        return node; // numbers, booleans, null: counts and flags, never a phone number
    }

    private static boolean keep(String key) {
        if (key == null) {
            return false;
        }
        return key.endsWith("Id") || KEEP.contains(key.toLowerCase(Locale.ROOT));
    }

    private static boolean isNumber(String text) {
        if (text.length() > PhoneNumber.MAX_INPUT || text.chars().filter(Character::isDigit).count() < 7
                || TIME.matcher(text).matches()) {
            return false;
        }
        try {
            PhoneNumber.parse("number", text);
            return true;
        } catch (InvalidNumberException e) {
            return false;
        }
    }
}
