package io.branchline.box.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    @Test
    void theDocumentedExampleLoads() {
        BoxConfig c = ConfigLoader.load(Path.of("../docs/branchline.example.yaml"));
        assertEquals("branch-01", c.box().id());
        assertEquals(5, c.modems().size()); // four modems and a GoIP port's dialing settings
        assertEquals(2, c.goip().lines().size());
        assertEquals("1-1.2", c.modems().get(0).usbPath());
        assertEquals(2, c.modems().get(0).usbInterface());
        assertEquals("/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0", c.modems().get(3).port());
        assertEquals(List.of(17, 27, 22), c.modems().get(2).simMux().selectPins());
        assertEquals("by-count", c.modems().get(2).rotation().policy());
        assertEquals("17951", c.modems().get(2).simMux().slots().get(2).prefix());
        assertEquals(2, c.agents().size());
        assertEquals("desk-1001b", c.agents().get(0).secondLine());
        assertEquals(3000, c.calls().forwardDelayMs());
        assertEquals(30, c.health().pollSeconds());
        assertEquals("127.0.0.1", c.http().host());
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        BoxConfig c = ConfigLoader.parse("", "t.yaml");
        assertEquals(8080, c.http().port());
        assertTrue(c.modems().isEmpty());
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yaml")).getMessage();
    }

    @Test
    void anUnknownKeyIsNamedWithItsPath() {
        String m = error("modems:\n  - id: a\n    usb-path: \"1-1\"\n    usb-interfaces: 2\n");
        assertTrue(m.startsWith("t.yaml: modems[0].usb-interfaces:"), m);
    }

    @Test
    void aWrongTypeIsNamed() {
        assertTrue(error("http:\n  port: eighty\n").startsWith("t.yaml: http.port:"));
    }

    @Test
    void aModemNeedsExactlyOneWayToBeFound() {
        assertTrue(error("modems:\n  - id: a\n").contains("modems[0]: give either usb-path"));
        assertTrue(error("modems:\n  - id: a\n    port: /dev/ttyS1\n    usb-path: \"1-1\"\n")
                .contains("modems[0]: give either usb-path"));
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(error("modems:\n  - id: a\n    usb-path: ttyUSB2\n").contains("modems[0].usb-path:"));
        assertTrue(error("modems:\n  - id: a\n    usb-path: \"1-1\"\n    imei: \"12\"\n").contains("modems[0].imei:"));
        assertTrue(error("modems:\n  - id: a b\n    usb-path: \"1-1\"\n").contains("modems[0].id:"));
        assertTrue(error("modems:\n  - id: a\n    usb-path: \"1-1\"\n  - id: a\n    usb-path: \"1-2\"\n")
                .contains("modems[1].id: \"a\" is used twice"));
        assertTrue(error("http:\n  port: 70000\n").contains("http.port:"));
        assertTrue(error("modems:\n  - id: a\n    usb-path: \"1-1\"\n    pin: \"12\"\n").contains("modems[0].pin:"));
        assertTrue(error("modems:\n  - id: a\n    usb-path: \"1-1\"\n    rotation:\n      policy: by-count\n")
                .contains("modems[0].rotation.policy: rotating SIMs needs a sim-mux"));
        assertTrue(error("modems:\n  - id: a\n    usb-path: \"1-1\"\n    prefix: \"1;\"\n")
                .contains("modems[0].prefix:"));
        assertTrue(error("modems:\n  - id: a\n    usb-path: \"1-1\"\n    sim-mux:\n      select-pins: [17]\n"
                + "      slots:\n        - slot: 3\n").contains("modems[0].sim-mux.slots[0].slot: must be 1 to 2"));
        assertTrue(error("agents:\n  - id: x\n    second-line: d\n").contains("agents[0].second-line"));
    }

    private static final String GOIP = "goip:\n  lines:\n    - id: goip-1\n      goip-id: goip1\n      password: pw\n";

    @Test
    void goipPortsAreLinesWithTheirOwnSectionAndTheirDialingSettingsUnderModems() {
        BoxConfig c = ConfigLoader.parse(GOIP + "  allow: [192.168.1.50]\nmodems:\n  - id: goip-1\n    prefix: \"17951\"\n",
                "t.yaml");
        assertEquals(44444, c.goip().port());
        assertEquals("0.0.0.0", c.goip().listen());
        assertEquals("goip1", c.goip().line("goip-1").orElseThrow().goipId());
        assertEquals("17951", c.modems().get(0).prefix());
        assertTrue(!c.goip().lines().get(0).toString().contains("pw"), "the password stays out of logs");
        assertEquals(5060, c.goip().sipPort());
        assertTrue(c.goip().lines().get(0).keysAsEvents(), "RFC 2833 keys unless the port is set to in-band");
        assertTrue(!ConfigLoader.parse(GOIP + "      dtmf: inband\n", "t.yaml").goip().lines().get(0).keysAsEvents());
    }

    @Test
    void badGoipSettingsAreNamed() {
        assertTrue(error("goip:\n  port: 0\n").contains("goip.port:"));
        assertTrue(error("goip:\n  port: 70000\n").contains("goip.port:"));
        assertTrue(error("goip:\n  listen: box.local\n").contains("goip.listen:"));
        assertTrue(error("goip:\n  sip-port: -1\n").contains("goip.sip-port:"));
        assertTrue(error("goip:\n  sip-port: 65536\n").contains("goip.sip-port:"));
        assertTrue(error("goip:\n  sip-port: 44444\n").contains("goip.sip-port: 44444 is goip.port already"));
        assertTrue(error(GOIP + "      dtmf: \"info\"\n").contains("goip.lines[0].dtmf: must be rfc2833 or inband"));
        assertTrue(error("goip:\n  allow: [\"10.0.0.1; rm\"]\n").contains("goip.allow[0]:"));
        assertTrue(error(GOIP.replace("goip1", "goip 1")).contains("goip.lines[0].goip-id:"));
        assertTrue(error(GOIP.replace("goip1", "g".repeat(33))).contains("goip.lines[0].goip-id:"));
        assertTrue(error(GOIP.replace("password: pw", "password: \"a;b\"")).contains("goip.lines[0].password:"));
        assertTrue(error(GOIP.replace("password: pw", "password: \"a b\"")).contains("goip.lines[0].password:"));
        assertTrue(error(GOIP.replace("      password: pw\n", "")).contains("goip.lines[0].password:"));
        assertTrue(error(GOIP + "    - id: goip-2\n      goip-id: goip1\n      password: pw\n")
                .contains("goip.lines[1].goip-id: \"goip1\" is used twice"));
        assertTrue(error(GOIP + "modems:\n  - id: goip-1\n    usb-path: \"1-1\"\n").contains("modems[0]: \"goip-1\" is a GoIP port"));
        assertTrue(error(GOIP + "modems:\n  - id: goip-1\n  - id: goip-1\n").contains("modems[1].id: \"goip-1\" is used twice"));
        assertTrue(error(GOIP + "modems:\n  - id: goip-1\n    prefix: \"1;\"\n").contains("modems[0].prefix:"));
    }

    @Test
    void aMissingFileSaysWhatToDo() {
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nonexistent/b.yaml")))
                .getMessage();
        assertTrue(m.contains("/nonexistent/b.yaml") && m.contains("--simulate"), m);
    }

    @org.junit.jupiter.api.Test
    void theTokenAndPinsNeverPrintWithTheConfiguration() {
        var c = ConfigLoader.parse("crm:\n  private-url: https://crm.example/crm\n  box-token: secret-token-1234\n"
                + "modems:\n  - id: m1\n    usb-path: \"1-1.2\"\n    pin: \"4711\"\n", "t.yaml");
        String printed = c.toString() + c.crm() + c.modems();
        org.junit.jupiter.api.Assertions.assertFalse(printed.contains("secret-token-1234") || printed.contains("4711"),
                printed);
        org.junit.jupiter.api.Assertions.assertEquals("4711", c.modems().get(0).pin(), "still there to be used");
    }
}
