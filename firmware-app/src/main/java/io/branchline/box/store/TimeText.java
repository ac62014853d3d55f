package io.branchline.box.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as stored text: UTC with exactly three fraction digits, so that text order is time order and
 * range queries on the text are right (Instant.toString drops zero fractions and would not sort).
 */
public final class TimeText {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    public static String of(Instant i) {
        return FORMAT.format(i);
    }
}
