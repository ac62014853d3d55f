package io.branchline.hw.at.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * +CPMS: message storage use. The set answer is {@code used1,total1,used2,total2,used3,total3}; the read
 * answer puts the memory name before each pair. Either way: a list of (memory, used, total).
 */
public record StorageStatus(List<Store> stores) {

    public record Store(String memory, int used, int total) {
    }

    public static StorageStatus parse(String line) {
        AtFields f = AtFields.of(line, "+CPMS:");
        List<Store> out = new ArrayList<>();
        boolean named = f.integer(0).isEmpty();
        int step = named ? 3 : 2;
        for (int i = 0; i + step - 1 < f.size(); i += step) {
            String mem = named ? f.textOrEmpty(i) : "";
            int off = named ? 1 : 0;
            out.add(new Store(mem, f.requireInt(i + off, "used"), f.requireInt(i + off + 1, "total")));
        }
        return new StorageStatus(out);
    }

    /** The answer to AT+CPMS=?: the memories each of the three slots supports, e.g. [[SM, ME], ...]. */
    public static List<List<String>> parseSupported(String line) {
        String s = line.strip().substring(line.strip().indexOf(':') + 1);
        List<List<String>> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*)\\)").matcher(s);
        while (m.find()) {
            List<String> mems = new ArrayList<>();
            AtFields f = AtFields.split(m.group(1));
            for (int i = 0; i < f.size(); i++) {
                mems.add(f.textOrEmpty(i));
            }
            out.add(mems);
        }
        return out;
    }
}
