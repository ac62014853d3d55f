package io.branchline.box.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration file as provisioning edits it: the same YAML keys the file documents
 * (docs/branchline.example.yaml), set one section at a time, and checked as a whole by the loader {@code run}
 * uses before it is written, so that provisioning never writes what the box would refuse.
 */
public final class ConfigDraft {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** The keys a line may be given on the command line, and whether each is a number. */
    static final Map<String, Boolean> LINE_KEYS = keys("port", false, "usb-path", false, "usb-interface", true,
            "imei", false, "pin", false, "own-number", false, "prefix", false, "hook-pin", true, "ringer-pin", true,
            "dial-mode", false, "forward-delay-ms", true, "inbound", false);
    static final Map<String, Boolean> SLOT_KEYS = keys("slot", true, "iccid", false, "own-number", false, "prefix", false);
    static final Map<String, Boolean> AGENT_KEYS = keys("name", false, "crm-user-id", false, "line", false,
            "second-line", false, "handset", false, "callback-number", false);

    static final Map<String, Boolean> GOIP_KEYS = keys("goip-id", false, "password", false, "dtmf", false);

    /** A line's, slot's or agent's id as provisioning takes it. */
    public static final String ID_SHAPE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,31}";

    private final ObjectNode root;

    private ConfigDraft(ObjectNode root) {
        this.root = root;
    }

    /** The file as it is now (an empty draft when there is none). */
    public static ConfigDraft of(Path file) throws IOException {
        if (Files.exists(file) && Files.size(file) > 0) {
            JsonNode n = YAML.readTree(file.toFile());
            if (n instanceof ObjectNode o) {
                return new ConfigDraft(o);
            }
            throw new ConfigException(file + ": not a YAML mapping");
        }
        return new ConfigDraft(YAML.createObjectNode());
    }

    public Optional<String> text(String section, String key) {
        JsonNode v = root.path(section).path(key);
        return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    public ConfigDraft crm(String privateUrl, String publicUrl, String token, String caFile, boolean plainHttp) {
        ObjectNode crm = root.withObject("crm");
        if (privateUrl != null) {
            crm.put("private-url", privateUrl);
        }
        if (publicUrl != null) {
            crm.put("public-url", publicUrl);
        }
        if (token != null) {
            crm.put("box-token", token);
        }
        if (caFile != null) {
            crm.put("ca-file", caFile);
        }
        if (plainHttp) {
            crm.put("allow-plain-http", true);
        }
        return this;
    }

    /** The admin page over HTTPS on {@code host} (the LAN address), the plain port then loopback only. */
    public ConfigDraft https(String host, int port) {
        ObjectNode http = root.withObject("http");
        http.put("host", host);
        http.withObject("https").put("port", port);
        return this;
    }

    /** A line, by id: the keys given are set over what the file has for it. */
    public ConfigDraft line(String spec) {
        Spec s = Spec.parse("--line", spec, LINE_KEYS);
        ObjectNode m = modem(s.id());
        s.values().forEach((k, v) -> put(m, k, v, LINE_KEYS.get(k)));
        return this;
    }

    /** A GoIP port as a line: {@code goip-1,goip-id=goip1,password=...[,dtmf=inband]}. */
    public ConfigDraft goip(String spec) {
        Spec s = Spec.parse("--goip", spec, GOIP_KEYS);
        ObjectNode p = byId(root.with("goip").withArray("lines"), s.id());
        s.values().forEach((k, v) -> put(p, k, v, false));
        return this;
    }

    /** The select pins of a line's SIM multiplexer: {@code ID,pins=5+6+13}. */
    public ConfigDraft simMux(String spec) {
        Spec s = Spec.parse("--sim-mux", spec, keys("pins", false));
        String pins = s.values().get("pins");
        if (pins == null || !pins.matches("\\d{1,3}(\\+\\d{1,3}){0,7}")) {
            throw new ConfigException("--sim-mux " + s.id() + ": pins: GPIO numbers joined by +, e.g. pins=5+6+13");
        }
        ArrayNode select = modem(s.id()).withObject("sim-mux").putArray("select-pins");
        for (String p : pins.split("\\+")) {
            select.add(Integer.parseInt(p));
        }
        return this;
    }

    /** One SIM slot of a line's multiplexer: {@code ID,slot=2,iccid=…,own-number=…}. */
    public ConfigDraft slot(String spec) {
        Spec s = Spec.parse("--slot", spec, SLOT_KEYS);
        if (!s.values().containsKey("slot")) {
            throw new ConfigException("--slot " + s.id() + ": slot: which slot (1 to 16), e.g. slot=2");
        }
        ArrayNode slots = modem(s.id()).withObject("sim-mux").withArray("slots");
        ObjectNode slot = null;
        for (JsonNode n : slots) {
            if (n.path("slot").asText().equals(s.values().get("slot"))) {
                slot = (ObjectNode) n;
            }
        }
        if (slot == null) {
            slot = slots.addObject();
        }
        ObjectNode target = slot;
        s.values().forEach((k, v) -> put(target, k, v, SLOT_KEYS.get(k)));
        return this;
    }

    /** An agent, by id (工号): {@code 1001,name=张三,line=desk-1001}. */
    public ConfigDraft agent(String spec) {
        Spec s = Spec.parse("--agent", spec, AGENT_KEYS);
        ObjectNode a = byId(root.withArray("agents"), s.id());
        s.values().forEach((k, v) -> put(a, k, v, false));
        return this;
    }

    /** The draft as YAML, refused (naming the field) where {@code run} would refuse it. */
    public String checked(String source) {
        String text;
        try {
            text = YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new ConfigException(source + ": " + e.getMessage());
        }
        BoxConfig c = ConfigLoader.parse(text, source);
        // What run checks once the lines exist: on a box (not simulated) the lines are the modems and GoIP ports.
        Set<String> lines = new java.util.HashSet<>();
        c.modems().forEach(m -> lines.add(m.id()));
        c.goip().lines().forEach(g -> lines.add(g.id()));
        ConfigLoader.checkAgentLines(c.agents(), lines);
        return text;
    }

    private ObjectNode modem(String id) {
        return byId(root.withArray("modems"), id);
    }

    private static ObjectNode byId(ArrayNode list, String id) {
        for (JsonNode n : list) {
            if (n.path("id").asText().equals(id)) {
                return (ObjectNode) n;
            }
        }
        return list.addObject().put("id", id);
    }

    private static void put(ObjectNode node, String key, String value, boolean number) {
        if (number) {
            node.put(key, Integer.parseInt(value));
        } else {
            node.put(key, value);
        }
    }

    private static Map<String, Boolean> keys(Object... pairs) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Boolean) pairs[i + 1]);
        }
        return m;
    }

    /** {@code ID,key=value,...}, each key known and each number a number; refused naming the option and key. */
    record Spec(String id, Map<String, String> values) {
        private static final int MAX = 1024;

        static Spec parse(String option, String spec, Map<String, Boolean> known) {
            if (spec == null || spec.isBlank() || spec.length() > MAX) {
                throw new ConfigException(option + ": ID,key=value,... (at most " + MAX + " characters)");
            }
            String[] parts = spec.split(",");
            String id = parts[0].strip();
            if (!id.matches(ID_SHAPE)) {
                throw new ConfigException(option + " " + id + ": the id: letters, digits, - _ . (at most 32), first a"
                        + " letter or digit");
            }
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> allowed = known.keySet();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i];
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException(option + " " + id + ": " + p.strip() + ": say key=value");
                }
                String key = p.substring(0, eq).strip();
                String value = p.substring(eq + 1).strip();
                if (!allowed.contains(key)) {
                    throw new ConfigException(option + " " + id + ": " + key + ": not a key here (one of "
                            + String.join(", ", allowed) + ")");
                }
                if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20)) {
                    throw new ConfigException(option + " " + id + ": " + key + ": a value, without control characters");
                }
                if (known.get(key) && !value.matches("\\d{1,6}")) {
                    throw new ConfigException(option + " " + id + ": " + key + ": a whole number, not " + value);
                }
                if (values.put(key, value) != null) {
                    throw new ConfigException(option + " " + id + ": " + key + " given twice");
                }
            }
            return new Spec(id, values);
        }
    }
}
