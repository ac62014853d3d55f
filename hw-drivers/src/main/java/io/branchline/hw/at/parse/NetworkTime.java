package io.branchline.hw.at.parse;

/**
 * Huawei ^NWTIME: {@code yy/MM/dd,HH:mm:ss+tz,dst} where tz counts quarter hours; used to check the box's
 * clock against the network's.
 */
public record NetworkTime(String date, String time, int quarterHours, int dst) {

    public static NetworkTime parse(String payload) {
        AtFields f = AtFields.of(payload, "^NWTIME:");
        String dt = f.textOrEmpty(1);
        int sign = Math.max(dt.lastIndexOf('+'), dt.lastIndexOf('-'));
        if (sign < 0) {
            throw new AtParseException("no time zone in ^NWTIME \"" + payload + "\"");
        }
        return new NetworkTime(f.textOrEmpty(0), dt.substring(0, sign), Integer.parseInt(dt.substring(sign)),
                f.integer(2).orElse(0));
    }
}
