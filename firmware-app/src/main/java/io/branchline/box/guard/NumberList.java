package io.branchline.box.guard;

import static io.branchline.box.store.schema.Tables.NUMBER_LIST;

import io.branchline.box.number.PhoneNumber;
import io.branchline.box.store.Database;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A list of numbers the call guard acts on: the blacklist (黑名单, never dialled) or the risk numbers (风险号,
 * intercepted unless forced). Numbers are stored and compared in the one form {@link PhoneNumber} reads them
 * in, so that "+86 139-0000-0005", "013900000005", "17951 13900000005" and "13900000005" are one customer.
 */
public final class NumberList {
    public static final int MAX_PER_UPDATE = 10_000;

    private final Database db;
    private final Clock clock;
    private final String list;

    private NumberList(Database db, Clock clock, String list) {
        this.db = db;
        this.clock = clock;
        this.list = list;
    }

    public static NumberList blacklist(Database db, Clock clock) {
        return new NumberList(db, clock, "blacklist");
    }

    public static NumberList risk(Database db, Clock clock) {
        return new NumberList(db, clock, "risk");
    }

    /** "blacklist" or "risk". */
    public String name() {
        return list;
    }

    /** One listed number, why, and who listed it ("crm" or "admin"). */
    public record Entry(String number, String reason, String source, String addedAt) {
    }

    public static final int MAX_REASON = 128;

    /** The one form numbers are compared in; empty if {@code raw} is not a phone number. */
    public static String normalise(String raw) {
        return PhoneNumber.subscriberOf(raw).orElse("");
    }

    /** Checks every number first, naming the first bad one; then adds them all or none. */
    public int add(List<String> numbers, String reason, String source) {
        List<String> clean = check(numbers);
        String why = StoredText.check("reason", reason, MAX_REASON);
        String now = TimeText.of(clock.instant());
        return db.with(dsl -> {
            int n = 0;
            for (String number : clean) {
                n += dsl.insertInto(NUMBER_LIST).set(NUMBER_LIST.LIST, list).set(NUMBER_LIST.NUMBER, number)
                        .set(NUMBER_LIST.REASON, why).set(NUMBER_LIST.SOURCE, source).set(NUMBER_LIST.ADDED_AT, now)
                        .onConflict(NUMBER_LIST.LIST, NUMBER_LIST.NUMBER).doUpdate().set(NUMBER_LIST.REASON, why)
                        .set(NUMBER_LIST.SOURCE, source).execute();
            }
            return n;
        });
    }

    public int remove(List<String> numbers) {
        List<String> clean = check(numbers);
        return db.with(dsl -> dsl.deleteFrom(NUMBER_LIST).where(NUMBER_LIST.LIST.eq(list))
                .and(NUMBER_LIST.NUMBER.in(clean)).execute());
    }

    public Optional<Entry> find(String number) {
        String n = normalise(number);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        return db.with(dsl -> dsl.selectFrom(NUMBER_LIST).where(NUMBER_LIST.LIST.eq(list))
                .and(NUMBER_LIST.NUMBER.eq(n)).fetchOptional()
                .map(r -> new Entry(r.getNumber(), r.getReason(), r.getSource(), r.getAddedAt())));
    }

    public List<Entry> list() {
        return db.with(dsl -> dsl.selectFrom(NUMBER_LIST).where(NUMBER_LIST.LIST.eq(list)).orderBy(NUMBER_LIST.NUMBER)
                .fetch(r -> new Entry(r.getNumber(), r.getReason(), r.getSource(), r.getAddedAt())));
    }

    private static List<String> check(List<String> numbers) {
        if (numbers == null || numbers.isEmpty()) {
            throw new IllegalArgumentException("numbers: give at least one number");
        }
        if (numbers.size() > MAX_PER_UPDATE) {
            throw new IllegalArgumentException("numbers: at most " + MAX_PER_UPDATE + " per update, not "
                    + numbers.size());
        }
        java.util.Set<String> clean = new java.util.LinkedHashSet<>();
        for (int i = 0; i < numbers.size(); i++) {
            clean.add(PhoneNumber.parse("numbers[" + i + "]", numbers.get(i)).subscriber());
        }
        return List.copyOf(clean);
    }
}
