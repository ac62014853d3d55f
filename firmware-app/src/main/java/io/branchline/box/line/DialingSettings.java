package io.branchline.box.line;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.config.ConfigException;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.store.SavedSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every line's dialing settings: the configuration file's, and over them what an installer or admin saved
 * from the admin page, which the next call uses at once. A saved setting the file no longer allows (a slot
 * the installer took out of the multiplexer) is set aside with the reason, never deleted, and the file's
 * settings serve until someone saves again.
 */
public final class DialingSettings {
    private static final Logger log = LoggerFactory.getLogger(DialingSettings.class);

    /** One line's settings as the API shows them. */
    public record View(String line, LineSettings settings, LineSettings file, String from, String changedBy,
                       String changedAt, String problem, List<Integer> slots) {
    }

    private final Map<String, BoxConfig.Modem> file;
    private final SavedSettings saved;
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private volatile Map<String, LineSims> sims = Map.of();

    /** @param file every line's settings in the file (a line the file does not name: the defaults) */
    public DialingSettings(Map<String, BoxConfig.Modem> file, SavedSettings saved) {
        this.file = new LinkedHashMap<>(file);
        this.saved = saved;
    }

    /** The settings the lines start with: the saved ones where they still fit the file. */
    public List<BoxConfig.Modem> atStart() {
        List<BoxConfig.Modem> out = new ArrayList<>();
        for (BoxConfig.Modem m : file.values()) {
            Optional<SavedSettings.Saved> s = saved.find(scope(m.id()));
            if (s.isEmpty()) {
                out.add(m);
                continue;
            }
            try {
                out.add(checked(m, ConfigLoader.section(s.get().value(), LineSettings.class)));
            } catch (ConfigException e) {
                problems.put(m.id(), e.getMessage());
                log.warn("event=saved-line-settings-set-aside line={} reason=\"{}\"", m.id(), e.getMessage());
                out.add(m);
            }
        }
        return out;
    }

    /** The lines' SIMs, which a change reaches at once. */
    public void serve(Map<String, LineSims> bySims) {
        this.sims = Map.copyOf(bySims);
    }

    /** The first line whose settings (in use now) run switchboard menu {@code menuId}, when one does. */
    public java.util.Optional<String> lineRunning(String menuId) {
        return views().stream().filter(v -> v.settings().inbound().equals("switchboard")
                && v.settings().inboundMenu().equals(menuId)).map(View::line).findFirst();
    }

    public List<View> views() {
        return file.keySet().stream().map(this::view).toList();
    }

    public Optional<View> find(String line) {
        return file.containsKey(line) ? Optional.of(view(line)) : Optional.empty();
    }

    private volatile java.util.function.Predicate<String> menuExists = id -> true;

    private volatile java.util.function.Predicate<String> promptExists = id -> true;

    /** The switchboard's menus and the prompts: a line set to run one, or play one, must name one there. */
    public void menusFrom(java.util.function.Predicate<String> menus, java.util.function.Predicate<String> prompts) {
        this.menuExists = menus;
        this.promptExists = prompts;
    }

    /** Saves {@code body} (the settings in the file's keys) for {@code line} after the file's own checks. */
    public View change(String line, JsonNode body, String by) {
        BoxConfig.Modem m = checked(file.get(line), ConfigLoader.section(body, LineSettings.class));
        if ("switchboard".equals(m.inbound()) && m.inboundMenu() != null && !m.inboundMenu().isEmpty()
                && !menuExists.test(m.inboundMenu())) {
            throw new ConfigException("line " + line, "inbound-menu", "no switchboard menu \""
                    + io.branchline.box.store.StoredText.printable(m.inboundMenu()) + "\"");
        }
        if (!m.inboundRefusal().isEmpty() && !promptExists.test(m.inboundRefusal())) {
            throw new ConfigException("line " + line, "inbound-refusal", "no prompt \""
                    + io.branchline.box.store.StoredText.printable(m.inboundRefusal()) + "\"");
        }
        saved.save(scope(line), LineSettings.of(m), by);
        problems.remove(line);
        settle(m);
        log.info("event=line-settings-saved line={} by={}", line, by);
        return view(line);
    }

    /** Back to the file's settings. */
    public View reset(String line, String by) {
        saved.remove(scope(line));
        problems.remove(line);
        settle(file.get(line));
        log.info("event=line-settings-reset line={} by={}", line, by);
        return view(line);
    }

    private void settle(BoxConfig.Modem m) {
        LineSims ls = sims.get(m.id());
        if (ls != null) {
            ls.settle(DeskPhones.dialing(m));
        }
    }

    private static BoxConfig.Modem checked(BoxConfig.Modem file, LineSettings s) {
        BoxConfig.Modem m = s.onto(file);
        ConfigLoader.checkDialing(m, "");
        return m;
    }

    private View view(String line) {
        BoxConfig.Modem f = file.get(line);
        Optional<SavedSettings.Saved> s = saved.find(scope(line));
        String problem = problems.getOrDefault(line, "");
        boolean fromPage = s.isPresent() && problem.isEmpty();
        LineSettings now = fromPage ? LineSettings.of(checked(f, ConfigLoader.section(s.get().value(),
                LineSettings.class))) : LineSettings.of(f);
        List<Integer> slots = f.simMux() == null ? List.of(1) : f.simMux().slots().stream().map(BoxConfig.Slot::slot)
                .toList();
        return new View(line, now, LineSettings.of(f), fromPage ? "page" : "file",
                s.map(SavedSettings.Saved::changedBy).orElse(""), s.map(SavedSettings.Saved::changedAt).orElse(""),
                problem, slots);
    }

    private static String scope(String line) {
        return "line:" + line;
    }
}
