package io.branchline.box.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.branchline.hw.modem.ModemAddress;
import java.util.List;

/**
 * What the installer sets in /etc/branchline/branchline.yaml. Keys are dash-case; every section has
 * defaults so that a file with only {@code modems:} works. See docs/branchline.example.yaml.
 */
public record BoxConfig(Box box, Http http, List<Modem> modems, List<Agent> agents, Calls calls, Crm crm,
                        Health health, Debug debug, Recordings recordings, Goip goip) {

    public BoxConfig {
        goip = goip == null ? new Goip(null, null, null, null, null) : goip;
        recordings = recordings == null ? new Recordings(null, null, null) : recordings;
        crm = crm == null ? new Crm(null, null, null, null, null, null, null, null) : crm;
        calls = calls == null ? new Calls(null, null) : calls;
        agents = agents == null ? List.of() : List.copyOf(agents);
        box = box == null ? new Box(null, null) : box;
        http = http == null ? new Http(null, null, null) : http;
        modems = modems == null ? List.of() : List.copyOf(modems);
        health = health == null ? new Health(null, null) : health;
        debug = debug == null ? new Debug(null) : debug;
    }

    /** This configuration with other CRM settings (the admin page's, saved over the file's). */
    public BoxConfig withCrm(Crm other) {
        return new BoxConfig(box, http, modems, agents, calls, other, health, debug, recordings, goip);
    }

    public static BoxConfig empty() {
        return new BoxConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /** The box itself: its name towards the CRM and where it keeps its database and recordings. */
    public record Box(String id, @JsonProperty("data-dir") String dataDir) {
        public Box {
            id = id == null ? "branchline" : id;
        }
    }

    /**
     * The API and admin page: loopback by default; an office LAN address only when the installer says.
     * {@code observe-port}: /health and /metrics (Prometheus), always on loopback (0: any free port); by
     * default the port after the API's (8081), or the one after that when HTTPS has it, so that a file
     * written before it existed never collides.
     */
    public record Http(String host, Integer port, @JsonProperty("idle-minutes") Integer idleMinutes, Https https,
                       @JsonProperty("observe-port") Integer observePort) {
        public Http {
            host = host == null ? "127.0.0.1" : host;
            port = port == null ? 8080 : port;
            idleMinutes = idleMinutes == null ? 30 : idleMinutes;
            if (observePort == null) {
                int next = port == 0 ? 0 : port + 1;
                observePort = https != null && https.port() != null && https.port() == next ? next + 1 : next;
            }
        }

        public Http(String host, Integer port, Integer idleMinutes) {
            this(host, port, idleMinutes, null, null);
        }

        public Http(String host, Integer port, Integer idleMinutes, Https https) {
            this(host, port, idleMinutes, https, null);
        }
    }

    /**
     * The admin page over HTTPS on {@code port} (the plain port then answers on loopback only), with the
     * installer's PKCS#12 {@code keystore} and its {@code password-file}, or, without them, a certificate the
     * box makes for itself at its first start.
     */
    public record Https(Integer port, String keystore, @JsonProperty("password-file") String passwordFile) {
        public Https {
            port = port == null ? 8443 : port;
            keystore = keystore == null ? "" : keystore;
            passwordFile = passwordFile == null ? "" : passwordFile;
        }
    }

    /**
     * One modem line. USB modems are named by {@code usb-path} and {@code usb-interface} (the AT port's
     * interface: 2 on Quectel EC2x and SIMCom SIM7600), UART modems by {@code port}; {@code imei}, when set,
     * must match; {@code pin}, when set, is entered once if the SIM asks for it. On a desk phone's card 1,
     * {@code dial-mode} is how its agent's calls go out when the CRM names no mode (the seed's 外呼设置:
     * 呼叫转移模式) and {@code forward-delay-ms} its call-forward delay (呼叫延时; null: calls.forward-delay-ms).
     * {@code inbound} says what a call to this line's SIM does (呼入): {@code ring-agent} rings the agent whose
     * desk phone it is (the default on an agent's line), {@code missed} lets it ring unanswered and keeps a
     * missed call for someone to call back (the default on other lines), {@code refuse} hangs it up,
     * {@code switchboard} answers it with the switchboard menu {@code inbound-menu} (总机); and
     * {@code inbound-when-busy} what happens when that agent is on a call, busy or on a break: {@code missed}
     * (the default: refused, kept as missed) or {@code ring-anyway}.
     */
    public record Modem(String id, String port, @JsonProperty("usb-path") String usbPath,
                        @JsonProperty("usb-interface") Integer usbInterface, String imei, String pin,
                        @JsonProperty("own-number") String ownNumber, String prefix,
                        @JsonProperty("sim-mux") SimMux simMux, Rotation rotation,
                        @JsonProperty("frequent-call-warning") FrequentCallWarning frequentCallWarning,
                        @JsonProperty("hook-pin") Integer hookPin,
                        @JsonProperty("dial-mode") String dialMode,
                        @JsonProperty("forward-delay-ms") Integer forwardDelayMs,
                        String inbound, @JsonProperty("inbound-when-busy") String inboundWhenBusy,
                        @JsonProperty("inbound-menu") String inboundMenu,
                        @JsonProperty("ringer-pin") Integer ringerPin,
                        @JsonProperty("inbound-refusal") String inboundRefusal) {
        public Modem {
            inboundRefusal = inboundRefusal == null ? "" : inboundRefusal;
            dialMode = dialMode == null ? "" : dialMode;
            inbound = inbound == null ? "" : inbound;
            inboundWhenBusy = inboundWhenBusy == null ? "" : inboundWhenBusy;
            inboundMenu = inboundMenu == null ? "" : inboundMenu;
            prefix = prefix == null ? "" : prefix;
            ownNumber = ownNumber == null ? "" : ownNumber;
            pin = pin == null ? "" : pin;
            port = port == null ? "" : port;
            usbPath = usbPath == null ? "" : usbPath;
            usbInterface = usbInterface == null ? 2 : usbInterface;
            imei = imei == null ? "" : imei;
        }

        /** Where the box looks for this modem, with the expected IMEI when one is set. */
        @JsonIgnore
        public ModemAddress address() {
            ModemAddress a = port.isEmpty() ? ModemAddress.usb(usbPath, usbInterface) : ModemAddress.port(port);
            return imei.isEmpty() ? a : a.expectingImei(imei);
        }

        /** Without the SIM's PIN. */
        @Override
        public String toString() {
            return "Modem[id=" + id + ", port=" + port + ", usbPath=" + usbPath + ", usbInterface=" + usbInterface
                    + ", imei=" + imei + ", pin=" + (pin.isEmpty() ? "" : "(set)") + ", ownNumber=" + ownNumber
                    + ", prefix=" + prefix + ", simMux=" + simMux + ", rotation=" + rotation + ", frequentCallWarning="
                    + frequentCallWarning + ", hookPin=" + hookPin + ", dialMode=" + dialMode + ", forwardDelayMs="
                    + forwardDelayMs + ", inbound=" + inbound + ", inboundWhenBusy=" + inboundWhenBusy + ", inboundMenu=" + inboundMenu
                    + ", ringerPin=" + ringerPin + ", inboundRefusal=" + inboundRefusal + "]";
        }
    }

    /** A SIM multiplexer in front of the modem: its GPIO select lines and what sits in each slot. */
    public record SimMux(@JsonProperty("select-pins") List<Integer> selectPins, List<Slot> slots) {
        public SimMux {
            selectPins = selectPins == null ? List.of() : List.copyOf(selectPins);
            slots = slots == null ? List.of() : List.copyOf(slots);
        }
    }

    /** One SIM slot: its number (1-5), and optionally the card expected there, its number and dial prefix. */
    public record Slot(Integer slot, String iccid, @JsonProperty("own-number") String ownNumber, String prefix) {
        public Slot {
            iccid = iccid == null ? "" : iccid;
            ownNumber = ownNumber == null ? "" : ownNumber;
            prefix = prefix == null ? "" : prefix;
        }
    }

    /**
     * SIM rotation (外呼设置): {@code fixed} keeps {@code slot}; {@code by-count} moves to the next slot after
     * {@code calls} calls; {@code by-frequency} moves on when a SIM made {@code calls} calls within
     * {@code minutes}. {@code slots} lists the slots taking part (2 to 5; default all).
     */
    public record Rotation(String policy, List<Integer> slots, Integer slot, Integer calls, Integer minutes) {
        public Rotation {
            policy = policy == null ? "fixed" : policy;
            slots = slots == null ? List.of() : List.copyOf(slots);
            slot = slot == null ? 1 : slot;
            calls = calls == null ? 20 : calls;
            minutes = minutes == null ? 60 : minutes;
        }
    }

    /** 外呼频繁预警: more than {@code calls} calls within {@code minutes} on one SIM warns, or blocks. */
    public record FrequentCallWarning(Integer calls, Integer minutes, Boolean block) {
        public FrequentCallWarning {
            calls = calls == null ? 30 : calls;
            minutes = minutes == null ? 60 : minutes;
            block = block != null && block;
        }
    }

    /** The UART ports the configuration names: the port finder lists them besides the USB ones. */
    @JsonIgnore
    public List<String> uartPorts() {
        return modems.stream().map(Modem::port).filter(p -> !p.isEmpty()).toList();
    }

    /** A telesales agent: the CRM's user, and the line of their desk phone if they have one. */
    /**
     * @param handset        the sound device of the desk phone's handset (part of its name, as the doctor
     *                       lists them); empty: the agent's side is not heard by the box and records silent
     * @param callbackNumber the phone the agent answers two-leg callback calls on (融合通信), e.g. a mobile
     */
    public record Agent(String id, String name, @JsonProperty("crm-user-id") String crmUserId, String line,
                        @JsonProperty("second-line") String secondLine, String handset,
                        @JsonProperty("callback-number") String callbackNumber) {
        public Agent(String id, String name, String crmUserId, String line, String secondLine) {
            this(id, name, crmUserId, line, secondLine, null, null);
        }

        public Agent {
            handset = handset == null ? "" : handset;
            callbackNumber = callbackNumber == null ? "" : callbackNumber;
            name = name == null ? "" : name;
            crmUserId = crmUserId == null ? "" : crmUserId;
            line = line == null ? "" : line;
            secondLine = secondLine == null ? "" : secondLine;
        }
    }

    /**
     * Dialing settings. {@code forward-delay-ms}: wait between registering forwarding and dialling (3 s);
     * {@code wrap-up-seconds}: after an answered call the agent takes no inbound call for this long (0).
     */
    public record Calls(@JsonProperty("forward-delay-ms") Integer forwardDelayMs,
                        @JsonProperty("wrap-up-seconds") Integer wrapUpSeconds) {
        public Calls {
            forwardDelayMs = forwardDelayMs == null ? 3000 : forwardDelayMs;
            wrapUpSeconds = wrapUpSeconds == null ? 0 : wrapUpSeconds;
        }
    }

    /**
     * The CRM's communication servers (锦云通讯): the private one first, the vendor's public one as fallback,
     * the box's token, and when to fail over and come back.
     */
    public record Crm(@JsonProperty("private-url") String privateUrl, @JsonProperty("public-url") String publicUrl,
                      @JsonProperty("box-token") String boxToken, @JsonProperty("ca-file") String caFile,
                      @JsonProperty("allow-plain-http") Boolean allowPlainHttp,
                      @JsonProperty("failures-before-failover") Integer failuresBeforeFailover,
                      @JsonProperty("failover-window-seconds") Integer failoverWindowSeconds,
                      @JsonProperty("return-hour") Integer returnHour) {
        public Crm {
            privateUrl = privateUrl == null ? "" : privateUrl;
            publicUrl = publicUrl == null ? "" : publicUrl;
            boxToken = boxToken == null ? "" : boxToken;
            caFile = caFile == null ? "" : caFile;
            allowPlainHttp = allowPlainHttp != null && allowPlainHttp;
            failuresBeforeFailover = failuresBeforeFailover == null ? 5 : failuresBeforeFailover;
            failoverWindowSeconds = failoverWindowSeconds == null ? 120 : failoverWindowSeconds;
            returnHour = returnHour == null ? 3 : returnHour;
        }

        public boolean configured() {
            return !privateUrl.isEmpty() || !publicUrl.isEmpty();
        }

        /** Without the token: a record printed into a log or an exception must not carry the secret. */
        @Override
        public String toString() {
            return "Crm[privateUrl=" + privateUrl + ", publicUrl=" + publicUrl + ", boxToken="
                    + (boxToken.isEmpty() ? "" : "(set)") + ", caFile=" + caFile + ", allowPlainHttp=" + allowPlainHttp
                    + ", failuresBeforeFailover=" + failuresBeforeFailover + ", failoverWindowSeconds="
                    + failoverWindowSeconds + ", returnHour=" + returnHour + "]";
        }
    }

    /** How often lines are polled and how patient the box is with a modem that stops answering. */
    public record Health(@JsonProperty("poll-seconds") Integer pollSeconds,
                         @JsonProperty("timeouts-before-restart") Integer timeoutsBeforeRestart) {
        public Health {
            pollSeconds = pollSeconds == null ? 30 : pollSeconds;
            timeoutsBeforeRestart = timeoutsBeforeRestart == null ? 2 : timeoutsBeforeRestart;
        }
    }

    /**
     * Call recordings on the box's disk: at most {@code quotaPercent} of the disk and, when set, at most
     * {@code quotaGb}; recordings the CRM already has are removed after {@code retentionDays}.
     */
    public record Recordings(@JsonProperty("quota-percent") Integer quotaPercent, @JsonProperty("quota-gb") Double quotaGb,
                             @JsonProperty("retention-days") Integer retentionDays) {
        public Recordings {
            quotaPercent = quotaPercent == null ? 80 : quotaPercent;
            quotaGb = quotaGb == null ? 0.0 : quotaGb;
            retentionDays = retentionDays == null ? 180 : retentionDays;
        }
    }

    /**
     * GoIP gateways' ports as lines: the box is the gateways' "SMS server" on UDP {@code port} (44444, the
     * GoIP's default), listening on {@code listen}; with {@code allow} set, only packets from those addresses
     * are heard. Each of {@code lines} is one GoIP port (one SIM): the box's line id, the id and password the
     * GoIP's SMS-server settings give that port. A line's dialing settings go in {@code modems:} under its id.
     * Voice is SIP on UDP {@code sip-port} (5060; 0 picks a free one): in the GoIP's "Config by Line" each
     * port registers with its GoIP id as SIP user and its password; {@code dtmf} says how the port sends
     * keys ({@code rfc2833}, the default, or {@code inband}).
     */
    public record Goip(String listen, Integer port, List<String> allow, List<GoipPort> lines,
                       @JsonProperty("sip-port") Integer sipPort) {
        public Goip {
            listen = listen == null ? "0.0.0.0" : listen;
            port = port == null ? 44444 : port;
            sipPort = sipPort == null ? 5060 : sipPort;
            allow = allow == null ? List.of() : List.copyOf(allow);
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        public java.util.Optional<GoipPort> line(String id) {
            return lines.stream().filter(l -> id.equals(l.id())).findFirst();
        }
    }

    public record GoipPort(String id, @JsonProperty("goip-id") String goipId, String password, String dtmf) {
        public GoipPort {
            goipId = goipId == null ? "" : goipId;
            password = password == null ? "" : password;
            dtmf = dtmf == null ? "rfc2833" : dtmf;
        }

        public GoipPort(String id, String goipId, String password) {
            this(id, goipId, password, null);
        }

        /** Whether the port sends keys as RFC 2833 events (else as tones in the voice). */
        public boolean keysAsEvents() {
            return dtmf.equals("rfc2833");
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "GoipPort[id=" + id + ", goipId=" + goipId + ", password=" + (password.isEmpty() ? "" : "(set)") + "]";
        }
    }

    /** Installer switches that are off in production. */
    public record Debug(@JsonProperty("raw-at") Boolean rawAt) {
        public Debug {
            rawAt = rawAt != null && rawAt;
        }
    }
}
