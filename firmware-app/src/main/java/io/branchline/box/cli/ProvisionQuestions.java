package io.branchline.box.cli;

import io.branchline.box.config.ConfigDraft;
import io.branchline.box.config.ConfigException;
import io.branchline.box.doctor.PortProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Provisioning by asking: one question at a time, Chinese first (English with --lang en), the current value
 * as the default (Enter keeps it), each answer checked as it is given and asked again when wrong, so that the
 * installer never learns at the end that the third answer was bad. The modems found on the ports are offered as
 * lines with their USB socket already filled in.
 */
final class ProvisionQuestions {
    /** The questions' language. */
    enum Lang {
        ZH, EN;

        static Lang of(String s) {
            return s.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH;
        }
    }

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry("intro", new String[] {"Branchline 开通向导：回车保留 [方括号] 中的值，输入 - 清空。",
                    "Branchline setup: Enter keeps the [value in brackets], - clears it."}),
            Map.entry("crm-url", new String[] {"CRM 私有服务器地址（https://...）", "CRM private server (https://...)"}),
            Map.entry("public-url", new String[] {"公共备用服务器地址（可留空）", "public fallback server (may be empty)"}),
            Map.entry("box-token", new String[] {"本机令牌（CRM 管理员提供）", "this box's token (from the CRM's administrator)"}),
            Map.entry("scan", new String[] {"正在查找调制解调器……", "looking for modems ..."}),
            Map.entry("found", new String[] {"找到 %d 个调制解调器。", "found %d modems."}),
            Map.entry("use-modem", new String[] {"用 %s 作为线路？线路编号（留空跳过）", "use %s as a line? line id (empty: skip)"}),
            Map.entry("own-number", new String[] {"该线路 SIM 卡号码（可留空）", "the line's SIM number (may be empty)"}),
            Map.entry("goip", new String[] {"添加 GoIP 端口：线路编号（留空结束）", "add a GoIP port: line id (empty: done)"}),
            Map.entry("goip-id", new String[] {"该端口在 GoIP 上的 ID（SMS 服务器与 SIP 账号）",
                    "the port's ID on the GoIP (SMS server and SIP account)"}),
            Map.entry("goip-password", new String[] {"该端口的密码（不含空格 , ; :）", "the port's password (no spaces , ; :)"}),
            Map.entry("password", new String[] {"1 到 64 个可打印字符，不含空格 , ; :", "1 to 64 printable characters, no spaces , ; :"}),
            Map.entry("agent", new String[] {"添加坐席：工号（留空结束）", "add an agent: id (empty: done)"}),
            Map.entry("agent-name", new String[] {"坐席姓名", "the agent's name"}),
            Map.entry("agent-line", new String[] {"坐席的线路编号", "the agent's line id"}),
            Map.entry("installer", new String[] {"首个安装员账号名（留空跳过）", "first installer account (empty: skip)"}),
            Map.entry("lan-host", new String[] {"管理页面在局域网的地址（留空：仅本机）", "the admin page's LAN address (empty: this machine only)"}),
            Map.entry("again", new String[] {"不对：%s，请重新输入。", "not right: %s; again please."}),
            Map.entry("url", new String[] {"以 https:// 开头的地址", "an address starting with https://"}),
            Map.entry("token", new String[] {"8 到 256 个可打印字符，不含空格", "8 to 256 printable characters, no spaces"}),
            Map.entry("id", new String[] {"字母、数字、- _ .，最多 32 个", "letters, digits, - _ . (at most 32)"}),
            Map.entry("number", new String[] {"电话号码：数字，可带 +，3 到 20 位", "a phone number: digits, maybe a +, 3 to 20"}),
            Map.entry("host", new String[] {"本机的 IP 地址或主机名", "an address or host name of this box"}),
            Map.entry("name", new String[] {"1 到 32 个字符", "1 to 32 characters"}));

    private static final Predicate<String> URL = v -> v.matches("https://[^\\s]{3,500}");
    private static final Predicate<String> ID = v -> v.matches(ConfigDraft.ID_SHAPE);
    private static final Predicate<String> NUMBER = v -> v.matches("\\+?[0-9]{3,20}");

    private final BufferedReader in;
    private final PrintStream out;
    private final Lang lang;
    private final Supplier<List<PortProbe.Found>> scan;

    ProvisionQuestions(BufferedReader in, PrintStream out, Lang lang, Supplier<List<PortProbe.Found>> scan) {
        this.in = in;
        this.out = out;
        this.lang = lang;
        this.scan = scan;
    }

    private String t(String key, Object... args) {
        String s = TEXT.get(key)[lang.ordinal()];
        return args.length == 0 ? s : String.format(Locale.ROOT, s, args);
    }

    void ask(ConfigDraft draft, ProvisionPlan plan) throws IOException {
        out.println(t("intro"));
        String crm = answer("crm-url", draft.text("crm", "private-url").orElse(""), URL, "url", true);
        String pub = answer("public-url", draft.text("crm", "public-url").orElse(""), URL, "url", false);
        String token = answer("box-token", draft.text("crm", "box-token").map(x -> "********").orElse(""),
                v -> v.equals("********") || v.matches(ProvisionPlan.TOKEN_SHAPE), "token", true);
        draft.crm(crm.isEmpty() ? null : crm, pub.isEmpty() ? null : pub, token.equals("********") || token.isEmpty()
                ? null : token, null, false);
        out.println(t("scan"));
        List<PortProbe.Found> modems = scan.get();
        out.println(t("found", modems.size()));
        int n = 1;
        for (PortProbe.Found m : modems) {
            String where = m.port().usbPath().isEmpty() ? m.port().devicePath()
                    : "usb " + m.port().usbPath() + ":" + m.port().usbInterface();
            String label = m.model() + " " + where + (m.identity().iccid().isEmpty() ? "" : ", ICCID " + m.identity().iccid());
            String id = answer(t("use-modem", label), "line-" + n, v -> v.isEmpty() || ID.test(v), "id", false);
            if (id.isEmpty() || id.equals("-")) {
                continue;
            }
            n++;
            String number = answer("own-number", m.identity().ownNumber(), v -> v.isEmpty() || NUMBER.test(v), "number",
                    false);
            String spec = id + (m.port().usbPath().isEmpty() ? ",port=" + m.port().devicePath()
                    : ",usb-path=" + m.port().usbPath() + ",usb-interface=" + m.port().usbInterface())
                    + (m.identity().imei().isEmpty() ? "" : ",imei=" + m.identity().imei())
                    + (number.isEmpty() ? "" : ",own-number=" + number);
            draft.line(spec);
        }
        for (int i = 0; i < 256; i++) {
            String port = answer("goip", "", v -> v.isEmpty() || ID.test(v), "id", false);
            if (port.isEmpty() || port.equals("-")) {
                break;
            }
            String goipId = answer("goip-id", port.replace("-", ""), v -> v.matches("[A-Za-z0-9_.-]{1,32}"), "id", true);
            String password = answer("goip-password", "", v -> v.matches("[\\x21-\\x7e&&[^;:,]]{1,64}"), "password", true);
            draft.goip(port + ",goip-id=" + goipId + ",password=" + password);
        }
        for (int i = 0; i < 200; i++) {
            String agent = answer("agent", "", v -> v.isEmpty() || ID.test(v), "id", false);
            if (agent.isEmpty() || agent.equals("-")) {
                break;
            }
            String name = answer("agent-name", "", v -> v.length() <= 32 && !v.contains(","), "name", false);
            String line = answer("agent-line", "", v -> v.isEmpty() || ID.test(v), "id", false);
            draft.agent(agent + (name.isEmpty() ? "" : ",name=" + name) + (line.isEmpty() ? "" : ",line=" + line));
        }
        String installer = answer("installer", plan.installer == null ? "" : plan.installer,
                v -> v.isEmpty() || v.matches("[a-z][a-z0-9_.-]{0,31}"), "id", false);
        plan.installer = installer.isEmpty() || installer.equals("-") ? null : installer;
        String host = answer("lan-host", plan.lanHost == null ? draft.text("http", "host").filter(h -> !h.startsWith("127."))
                .orElse("") : plan.lanHost, v -> v.isEmpty() || v.matches(ProvisionPlan.HOST_SHAPE), "host", false);
        if (!host.isEmpty() && !host.equals("-")) {
            plan.lanHost = host;
            draft.https(host, plan.httpsPort);
        }
    }

    /**
     * One question: the answer, the default on Enter, "" for "-", asked again (at most 5 times) while the check
     * fails; the end of the input keeps the default.
     */
    private String answer(String question, String dflt, Predicate<String> ok, String why, boolean required)
            throws IOException {
        String prompt = TEXT.containsKey(question) ? t(question) : question;
        for (int tries = 0; tries < 5; tries++) {
            out.print(prompt + (dflt.isEmpty() ? "" : " [" + dflt + "]") + ": ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                return dflt;
            }
            String v = line.strip();
            if (v.isEmpty()) {
                v = dflt;
            } else if (v.equals("-")) {
                return "";
            }
            if ((v.isEmpty() && !required) || (!v.isEmpty() && ok.test(v))) {
                return v;
            }
            out.println(t("again", t(why)));
        }
        throw new ConfigException(question + ": five answers refused; run branchline provision again");
    }

    static Supplier<List<PortProbe.Found>> systemScan() {
        return () -> {
            try (io.branchline.hw.time.SystemScheduler scheduler = new io.branchline.hw.time.SystemScheduler()) {
                return new io.branchline.box.doctor.Doctor(io.branchline.hw.modem.SysfsPortFinder.system(List.of()),
                        io.branchline.hw.modem.LinkOpener.jSerialComm(), scheduler, Path.of("/proc")).modems();
            }
        };
    }
}
