package io.branchline.box.simulate;

import io.branchline.box.ivr.Menu;
import io.branchline.box.ivr.OfficeHours;
import io.branchline.box.ivr.Queue;
import io.branchline.box.ivr.Switchboard;
import io.branchline.box.prompt.Prompts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulate mode's switchboard, so that a newcomer can call the {@code hotline} line and hear it work:
 * a two-level menu in Chinese (总机 → 1 贷款咨询 → 1 agent 1001, 2 agent 1002, * back; 2 a message about
 * repayments; 0 the 人工服务 queue), the queue (longest idle first, the caller's last agent before that, the
 * place spoken every 30 s, 90 s at most, then kept as missed), and office hours Monday to Friday, kept
 * switched off so that the menu answers at any hour until someone switches them on. Installed once, into a
 * box that has no menus; the prompts were spoken by espeak-ng ({@code scripts/make-voice.sh}).
 */
public final class ExampleSwitchboard {
    private static final Logger log = LoggerFactory.getLogger(ExampleSwitchboard.class);
    public static final String FIRST_MENU = "hotline";
    public static final String QUEUE = "hotline-service";
    private static final String BY = "simulate";

    private ExampleSwitchboard() {
    }

    public static void install(Switchboard sb, Prompts prompts) {
        if (!sb.menus().list().isEmpty()) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (String[] clip : new String[][] {{"welcome", "总机欢迎语"}, {"loans", "贷款咨询"}, {"repay", "还款说明"},
                {"closed", "非工作时间"}, {"invalid", "输入有误"}}) {
            p.put(clip[0], prompts.add(clip[1], clip[0] + ".wav", clip(clip[0])).id());
        }
        Menu.Destination service = new Menu.Destination("queue", QUEUE);
        sb.queues().save(new Queue(QUEUE, "人工服务", "longest-idle", List.of(), true, 20, 90, "", 30,
                new Menu.Destination("hangup", "")), BY);
        Map<String, Menu.Destination> loanKeys = keys("1", new Menu.Destination("agent", "1001"), "2",
                new Menu.Destination("agent", "1002"));
        // The second level first, then the first, then the second's way back up: each save is checked whole.
        sb.menus().save(loans(p, loanKeys, service), BY);
        sb.menus().save(new Menu(FIRST_MENU, "总机", p.get("welcome"), keys("1",
                new Menu.Destination("menu", "hotline-loans"), "2", new Menu.Destination("message", p.get("repay")),
                "0", service), 6, 2, "", p.get("invalid"), service), BY);
        loanKeys.put("*", new Menu.Destination("menu", FIRST_MENU));
        sb.menus().save(loans(p, loanKeys, service), BY);
        sb.menus().save(new Menu("hotline-closed", "非工作时间", p.get("closed"), Map.of(), 1, 0, "", "",
                new Menu.Destination("hangup", "")), BY);
        List<String> day = List.of("09:00-12:00", "13:30-18:00");
        sb.saveHours(new OfficeHours(false, Map.of("mon", day, "tue", day, "wed", day, "thu", day, "fri", day),
                List.of("2027-01-01", "2027-02-06..2027-02-13", "2027-10-01..2027-10-07"), List.of("2027-02-14"),
                "hotline-closed"), BY);
        log.info("event=example-switchboard line=hotline menus=3 queue={} note=\"call it: POST"
                + " /api/simulate/call/hotline?from=13912345678\"", QUEUE);
    }

    private static Menu loans(Map<String, String> p, Map<String, Menu.Destination> keys, Menu.Destination fallback) {
        return new Menu("hotline-loans", "贷款咨询", p.get("loans"), keys, 6, 1, "", p.get("invalid"), fallback);
    }

    private static Map<String, Menu.Destination> keys(Object... pairs) {
        Map<String, Menu.Destination> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Menu.Destination) pairs[i + 1]);
        }
        return out;
    }

    private static byte[] clip(String name) {
        try (InputStream in = ExampleSwitchboard.class.getResourceAsStream("/simulate/switchboard/" + name + ".wav")) {
            if (in == null) {
                throw new IllegalStateException("the example prompt " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
