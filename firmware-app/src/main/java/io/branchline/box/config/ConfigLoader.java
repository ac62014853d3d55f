package io.branchline.box.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and checks the YAML configuration; every error names the file and the field. */
public final class ConfigLoader {
    public static final Path DEFAULT_PATH = Path.of("/etc/branchline/branchline.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {
    }

    public static BoxConfig load(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("no configuration at " + file
                    + " (copy docs/branchline.example.yaml there, pass --config FILE, or try --simulate)");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static BoxConfig parse(String yaml, String source) {
        BoxConfig c;
        try {
            c = yaml.isBlank() ? BoxConfig.empty() : YAML.readValue(yaml, BoxConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + fieldPath(e) + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        }
        if (c == null) {
            c = BoxConfig.empty();
        }
        check(c, source);
        return c;
    }

    private static void check(BoxConfig c, String source) {
        if (c.http().port() < 1 || c.http().port() > 65535) {
            throw new ConfigException(source + ": http.port: must be 1 to 65535, not " + c.http().port());
        }
        if (c.http().https() != null) {
            BoxConfig.Https h = c.http().https();
            if (h.port() < 1 || h.port() > 65535 || h.port().equals(c.http().port())) {
                throw new ConfigException(source + ": http.https.port: must be 1 to 65535 and not http.port, not "
                        + h.port());
            }
            if (h.keystore().isEmpty() != h.passwordFile().isEmpty()) {
                throw new ConfigException(source + ": http.https: keystore and password-file go together (or"
                        + " neither, and the box makes its own certificate)");
            }
        }
        int observe = c.http().observePort();
        if (observe < 0 || observe > 65535 || (observe != 0 && (observe == c.http().port()
                || (c.http().https() != null && observe == c.http().https().port())))) {
            throw new ConfigException(source + ": http.observe-port: must be 0 to 65535 and not the API's or the"
                    + " page's port, not " + observe);
        }
        if (c.http().idleMinutes() < 1 || c.http().idleMinutes() > 24 * 60) {
            throw new ConfigException(source + ": http.idle-minutes: must be 1 to 1440 (a signed-in page's idle"
                    + " time before it must sign in again), not " + c.http().idleMinutes());
        }
        if (c.calls().forwardDelayMs() < 0 || c.calls().forwardDelayMs() > 60_000) {
            throw new ConfigException(source + ": calls.forward-delay-ms: must be 0 to 60000");
        }
        if (c.calls().wrapUpSeconds() < 0 || c.calls().wrapUpSeconds() > 600) {
            throw new ConfigException(source + ": calls.wrap-up-seconds: must be 0 to 600");
        }
        checkCrm(c.crm(), source + ": crm");
        if (c.recordings().quotaPercent() < 1 || c.recordings().quotaPercent() > 95) {
            throw new ConfigException(source + ": recordings.quota-percent: must be 1 to 95");
        }
        if (c.recordings().quotaGb() < 0) {
            throw new ConfigException(source + ": recordings.quota-gb: must not be negative");
        }
        if (c.recordings().retentionDays() < 1) {
            throw new ConfigException(source + ": recordings.retention-days: must be at least 1");
        }
        if (c.health().pollSeconds() < 1) {
            throw new ConfigException(source + ": health.poll-seconds: must be at least 1");
        }
        Set<String> lineIds = new HashSet<>();
        checkGoip(c, source, lineIds);
        checkModems(c, source, lineIds);
        checkAgents(c, source);
    }

    /** A GoIP id as a gateway's SMS-server settings take it, and a password that cannot end a field early. */
    private static final java.util.regex.Pattern GOIP_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final java.util.regex.Pattern GOIP_PASSWORD = java.util.regex.Pattern.compile("[\\x21-\\x7e&&[^;:]]{1,64}");

    private static void checkGoip(BoxConfig c, String source, Set<String> ids) {
        BoxConfig.Goip g = c.goip();
        String at = source + ": goip";
        if (g.port() < 1 || g.port() > 65535) {
            throw new ConfigException(at + ".port: must be 1 to 65535 (the GoIPs' SMS-server port; 44444 by default)");
        }
        if (g.sipPort() < 0 || g.sipPort() > 65535) {
            throw new ConfigException(at + ".sip-port: must be 0 to 65535 (the GoIPs' SIP server port; 5060 by default)");
        }
        if (g.sipPort().equals(g.port())) {
            throw new ConfigException(at + ".sip-port: " + g.sipPort() + " is goip.port already (both are UDP)");
        }
        literalAddress(g.listen(), at + ".listen");
        if (g.allow().size() > 64) {
            throw new ConfigException(at + ".allow: at most 64 addresses");
        }
        for (int i = 0; i < g.allow().size(); i++) {
            literalAddress(g.allow().get(i), at + ".allow[" + i + "]");
        }
        if (g.lines().size() > 256) {
            throw new ConfigException(at + ".lines: at most 256 GoIP ports");
        }
        Set<String> goipIds = new HashSet<>();
        for (int i = 0; i < g.lines().size(); i++) {
            BoxConfig.GoipPort p = g.lines().get(i);
            String pat = at + ".lines[" + i + "]";
            uniqueId(p.id(), 64, pat, ids);
            if (!GOIP_ID.matcher(p.goipId()).matches()) {
                throw new ConfigException(pat + ".goip-id: must be 1 to 32 letters, digits, '.', '-' or '_' (the ID"
                        + " in the GoIP's SMS-server settings for this line)");
            }
            if (!goipIds.add(p.goipId())) {
                throw new ConfigException(pat + ".goip-id: \"" + p.goipId() + "\" is used twice");
            }
            if (!p.dtmf().equals("rfc2833") && !p.dtmf().equals("inband")) {
                throw new ConfigException(pat + ".dtmf: must be rfc2833 or inband (the GoIP's DTMF signalling for"
                        + " this line), not \"" + io.branchline.box.store.StoredText.printable(p.dtmf()) + "\"");
            }
            if (!GOIP_PASSWORD.matcher(p.password()).matches()) {
                throw new ConfigException(pat + ".password: must be 1 to 64 printable characters without spaces,"
                        + " ';' or ':' (the password in the GoIP's SMS-server settings)");
            }
        }
    }

    /** An id of letters, digits, '-' and '_', named once in {@code ids}. */
    private static void uniqueId(String id, int max, String at, Set<String> ids) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1," + max + "}")) {
            throw new ConfigException(at + ".id: must be 1 to " + max + " letters, digits, '-' or '_'");
        }
        if (!ids.add(id)) {
            throw new ConfigException(at + ".id: \"" + id + "\" is used twice");
        }
    }

    private static void literalAddress(String value, String at) {
        try {
            java.net.InetAddress.ofLiteral(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ": \"" + io.branchline.box.store.StoredText.printable(String.valueOf(value)) + "\" is not an IP address");
        }
    }

    private static void checkModems(BoxConfig c, String source, Set<String> ids) {
        Set<String> goipSettings = new HashSet<>();
        for (int i = 0; i < c.modems().size(); i++) {
            BoxConfig.Modem m = c.modems().get(i);
            String at = source + ": modems[" + i + "]";
            if (m.id() == null || !m.id().matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ConfigException(at + ".id: must be 1 to 64 letters, digits, '-' or '_'");
            }
            boolean goipPort = c.goip().line(m.id()).isPresent();
            if (goipPort ? !goipSettings.add(m.id()) : !ids.add(m.id())) {
                throw new ConfigException(at + ".id: \"" + m.id() + "\" is used twice");
            }
            if (goipPort) {
                // the dialing settings of a GoIP port: its hardware is the gateway's, named in goip.lines
                if (!m.port().isEmpty() || !m.usbPath().isEmpty() || m.simMux() != null || !m.pin().isEmpty()
                        || m.hookPin() != null) {
                    throw new ConfigException(at + ": \"" + m.id() + "\" is a GoIP port (goip.lines): give it no"
                            + " port, usb-path, sim-mux, pin or hook-pin");
                }
                checkDialing(m, at);
                continue;
            }
            if (m.port().isEmpty() == m.usbPath().isEmpty()) {
                throw new ConfigException(at + ": give either usb-path (USB modems) or port (UART modems)");
            }
            if (!m.usbPath().isEmpty() && !m.usbPath().matches("\\d+-[\\d.]+")) {
                throw new ConfigException(at + ".usb-path: \"" + m.usbPath()
                        + "\" is not a USB path like 1-1.2 (see: branchline doctor)");
            }
            if (!m.imei().isEmpty() && !m.imei().matches("\\d{15}")) {
                throw new ConfigException(at + ".imei: must be 15 digits");
            }
            checkDialing(m, at);
            if (!m.pin().isEmpty() && !m.pin().matches("\\d{4,8}")) {
                throw new ConfigException(at + ".pin: must be 4 to 8 digits (quote it: pin: \"0000\")");
            }
        }
    }

    /** The CRM section's checks, the file's and the admin page's alike; {@code at} as for checkDialing. */
    public static void checkCrm(BoxConfig.Crm crm, String at) {
        for (Map.Entry<String, String> u : Map.of("private-url", crm.privateUrl(), "public-url", crm.publicUrl())
                .entrySet()) {
            if (u.getValue().isEmpty()) {
                continue;
            }
            java.net.URI uri;
            try {
                uri = java.net.URI.create(u.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at, u.getKey(), "not a URL");
            }
            boolean https = "https".equals(uri.getScheme());
            boolean http = "http".equals(uri.getScheme());
            if (!https && !(http && crm.allowPlainHttp())) {
                throw new ConfigException(at, u.getKey(), "must be https:// (plain http only with"
                        + " crm.allow-plain-http: true, for a lab)");
            }
            if (uri.getHost() == null || u.getValue().length() > 500) {
                throw new ConfigException(at, u.getKey(), "must name a server (https://host/path), in at most 500"
                        + " characters");
            }
        }
        if (crm.configured() && crm.boxToken().isEmpty()) {
            throw new ConfigException(at, "box-token", "missing (branchline provision --box-token ...)");
        }
        if (crm.boxToken().length() > 500 || !crm.boxToken().matches("[\\x21-\\x7e]*")) {
            throw new ConfigException(at, "box-token", "at most 500 printable characters without spaces");
        }
        if (crm.failuresBeforeFailover() < 1 || crm.failuresBeforeFailover() > 1000) {
            throw new ConfigException(at, "failures-before-failover", "1 to 1000");
        }
        if (crm.failoverWindowSeconds() < 1 || crm.failoverWindowSeconds() > 86_400) {
            throw new ConfigException(at, "failover-window-seconds", "1 to 86400");
        }
        if (crm.returnHour() < 0 || crm.returnHour() > 23) {
            throw new ConfigException(at, "return-hour", "0 to 23");
        }
    }

    /**
     * The checks of a line's dialing settings (prefixes, own numbers, rotation, the frequent-call warning,
     * the desk phone's dial mode and delay): the file's and the admin page's alike. {@code at} names the
     * line's section; an empty one leaves the field alone, as the page's settings API names it.
     */
    public static void checkDialing(BoxConfig.Modem m, String at) {
        if (!m.prefix().matches("[0-9*#+]{0,10}")) {
            throw new ConfigException(at, "prefix", "up to 10 of 0-9 * # +");
        }
        if (!m.ownNumber().isEmpty() && !m.ownNumber().matches("\\+?\\d{3,20}")) {
            throw new ConfigException(at, "own-number", "must be digits, optionally after +");
        }
        java.util.Set<Integer> slots = new java.util.TreeSet<>();
        if (m.simMux() != null) {
            BoxConfig.SimMux mux = m.simMux();
            if (mux.selectPins().isEmpty() || mux.selectPins().size() > 3) {
                throw new ConfigException(at, "sim-mux.select-pins", "give 1 to 3 GPIO (BCM) numbers");
            }
            for (int j = 0; j < mux.slots().size(); j++) {
                BoxConfig.Slot s = mux.slots().get(j);
                String sat = "sim-mux.slots[" + j + "]";
                int most = Math.min(5, 1 << mux.selectPins().size());
                if (s.slot() == null || s.slot() < 1 || s.slot() > most) {
                    throw new ConfigException(at, sat + ".slot", "must be 1 to " + most);
                }
                if (!slots.add(s.slot())) {
                    throw new ConfigException(at, sat + ".slot", "slot " + s.slot() + " is listed twice");
                }
                if (!s.prefix().matches("[0-9*#+]{0,10}")) {
                    throw new ConfigException(at, sat + ".prefix", "up to 10 of 0-9 * # +");
                }
                if (!s.ownNumber().isEmpty() && !s.ownNumber().matches("\\+?\\d{3,20}")) {
                    throw new ConfigException(at, sat + ".own-number", "must be digits, optionally after +");
                }
            }
        }
        if (m.rotation() != null) {
            BoxConfig.Rotation r = m.rotation();
            if (!List.of("fixed", "by-count", "by-frequency").contains(r.policy())) {
                throw new ConfigException(at, "rotation.policy", "fixed, by-count or by-frequency, not \""
                        + io.branchline.box.store.StoredText.printable(r.policy()) + "\"");
            }
            if (!r.policy().equals("fixed") && m.simMux() == null) {
                throw new ConfigException(at, "rotation.policy", "rotating SIMs needs a sim-mux");
            }
            for (int slot : r.slots()) {
                if (!slots.contains(slot)) {
                    throw new ConfigException(at, "rotation.slots", "slot " + slot + " is not in sim-mux.slots");
                }
            }
            if (r.policy().equals("fixed") && m.simMux() != null && !slots.contains(r.slot())) {
                throw new ConfigException(at, "rotation.slot", "slot " + r.slot() + " is not in sim-mux.slots");
            }
            if (!r.policy().equals("fixed") && !r.slots().isEmpty() && r.slots().size() < 2) {
                throw new ConfigException(at, "rotation.slots", "rotation needs 2 to 5 slots");
            }
            if (r.calls() < 1 || r.calls() > 10_000) {
                throw new ConfigException(at, "rotation.calls", "must be 1 to 10000");
            }
            if (r.minutes() < 1 || r.minutes() > 24 * 60) {
                throw new ConfigException(at, "rotation.minutes", "must be 1 to 1440");
            }
        }
        BoxConfig.FrequentCallWarning w = m.frequentCallWarning();
        if (w != null && (w.calls() < 1 || w.calls() > 10_000)) {
            throw new ConfigException(at, "frequent-call-warning.calls", "must be 1 to 10000");
        }
        if (w != null && (w.minutes() < 1 || w.minutes() > 24 * 60)) {
            throw new ConfigException(at, "frequent-call-warning.minutes", "must be 1 to 1440");
        }
        if (!m.dialMode().isEmpty() && io.branchline.box.call.DialMode.parse(m.dialMode()).isEmpty()) {
            throw new ConfigException(at, "dial-mode", "one of " + io.branchline.box.call.DialMode.NAMES + ", not \""
                    + io.branchline.box.store.StoredText.printable(m.dialMode()) + "\"");
        }
        if (m.forwardDelayMs() != null && (m.forwardDelayMs() < 0 || m.forwardDelayMs() > 60_000)) {
            throw new ConfigException(at, "forward-delay-ms", "must be 0 to 60000");
        }
        if (!List.of("", "ring-agent", "missed", "refuse", "switchboard").contains(m.inbound())) {
            throw new ConfigException(at, "inbound", "ring-agent, missed, refuse or switchboard, not \""
                    + io.branchline.box.store.StoredText.printable(m.inbound()) + "\"");
        }
        if (m.inbound().equals("switchboard") != !m.inboundMenu().isEmpty()
                || !m.inboundMenu().matches("[a-z0-9-]{0,32}")) {
            throw new ConfigException(at, "inbound-menu", "the switchboard menu's id goes with inbound: switchboard,"
                    + " and only with it");
        }
        if (!m.inboundRefusal().matches("[0-9a-f-]{0,36}")) {
            throw new ConfigException(at, "inbound-refusal", "the id of the prompt a refused caller hears (branchline"
                    + " prompts), or empty to hang up at once");
        }
        if (!List.of("", "missed", "ring-anyway").contains(m.inboundWhenBusy())) {
            throw new ConfigException(at, "inbound-when-busy", "missed or ring-anyway, not \""
                    + io.branchline.box.store.StoredText.printable(m.inboundWhenBusy()) + "\"");
        }
    }

    private static void checkAgents(BoxConfig c, String source) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < c.agents().size(); i++) {
            BoxConfig.Agent a = c.agents().get(i);
            String at = source + ": agents[" + i + "]";
            uniqueId(a.id(), 32, at, ids);
            if (!a.secondLine().isEmpty() && a.line().isEmpty()) {
                throw new ConfigException(at + ".second-line: give line (card 1) first");
            }
            if (!a.callbackNumber().isEmpty() && !a.callbackNumber().matches("\\+?[0-9]{3,20}")) {
                throw new ConfigException(at + ".callback-number: must be a phone number (digits, an optional"
                        + " leading +), not \"" + a.callbackNumber() + "\"");
            }
            // Whether the lines exist is checked when the box starts, against every line it has.
        }
    }

    /** Each agent's lines among {@code lines} (checked at start, against every line the box has). */
    public static void checkAgentLines(List<BoxConfig.Agent> agents, Set<String> lines) {
        for (int i = 0; i < agents.size(); i++) {
            BoxConfig.Agent a = agents.get(i);
            for (String id : List.of(a.line(), a.secondLine())) {
                if (!id.isEmpty() && !lines.contains(id)) {
                    throw new ConfigException("agents[" + i + "]: agent " + a.id() + " names line \"" + id
                            + "\", which is not among the box's lines");
                }
            }
        }
    }

    /**
     * One section of the configuration given as JSON (the admin page's settings), read with the file's keys
     * and strictness: an unknown or mistyped key is refused by its path within the section.
     */
    public static <T> T section(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
        try {
            T t = YAML.treeToValue(node, type);
            if (t == null) {
                throw new ConfigException("", "body", "must be a JSON object");
            }
            return t;
        } catch (JsonMappingException e) {
            String p = fieldPath(e);
            throw new ConfigException("", p.equals("(top level)") ? "body" : p, firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException("", "body", firstLine(e.getOriginalMessage()));
        }
    }

    private static String fieldPath(JsonMappingException e) {
        String p = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return p.isEmpty() ? "(top level)" : p;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // Jackson names the Java class; the installer needs the field, which fieldPath already gives.
        return line.replaceAll(" \\(class [^)]*\\)", "").replaceAll(", not marked as ignorable.*", "");
    }
}
