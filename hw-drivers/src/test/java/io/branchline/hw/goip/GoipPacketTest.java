package io.branchline.hw.goip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The GoIP protocol's datagrams as the document and the gateways in the field send them. */
class GoipPacketTest {

    @Test
    void aKeepaliveFromNewerFirmwareGivesTheLinesStatusAndIdentity() {
        // node-goip's captured sample (test/samples.js): CELLINFO's value holds colons and a comma
        var p = GoipPacket.parse("req:27;id:gateway_name;pass:gateway_password;num:;signal:29;gsm_status:LOGIN;"
                + "voip_status:LOGOUT;voip_state:IDLE;remain_time:-1;imei:867495023958030;imsi:260060172091324;"
                + "iccid:89480611000720913242;pro:POL;idle:11;disable_status:0;SMS_LOGIN:N;SMB_LOGIN:;"
                + "CELLINFO:LAC:7E5,CELL ID:5E5B;CGATT:Y;").orElseThrow();
        assertEquals("req", p.name());
        assertEquals("27", p.counter());
        assertEquals("gateway_name", p.goipId());
        assertEquals("gateway_password", p.password());
        assertEquals("LAC:7E5,CELL ID:5E5B", p.field("CELLINFO"));
        var k = Keepalive.of(p);
        assertEquals(27, k.count());
        assertEquals(29, k.csq());
        assertTrue(k.gsmLogin());
        assertEquals("867495023958030", k.imei());
        assertEquals("89480611000720913242", k.iccid());
        assertEquals("POL", k.operator());
        assertTrue(k.number().isEmpty());
        assertEquals(java.util.Optional.of("reg:27;status:0;"), p.ack(true, ""));
        assertEquals(java.util.Optional.of("reg:27;status:-1;"), p.ack(false, "password"));
    }

    @Test
    void absentValuesAndAllZeroIdentitiesAreUnknown() {
        // NiceLabs' vector: empty signal, zero IMEI; GSM: replies say (null)
        var k = Keepalive.of(GoipPacket.parse("req:3;id:goip-1;pass:goip;num:(null);signal:;gsm_status:LOGOUT;"
                + "imei:000000000000000;imsi:<NULL>;pro:CHINA UNICOM GSM;disable_status:1;").orElseThrow());
        assertEquals(99, k.csq());
        assertTrue(k.imei().isEmpty());
        assertTrue(k.imsi().isEmpty());
        assertTrue(k.number().isEmpty());
        assertFalse(k.gsmLogin());
        assertTrue(k.disabled());
        assertEquals("CHINA UNICOM GSM", k.operator());
    }

    @Test
    void aReceivedTextRunsToTheEndOfTheDatagramSemicolonsAndAll() {
        var p = GoipPacket.parse("RECEIVE:1571812849;id:goip-1;password:goip;srcnum:1380013800;msg:测试; id:x;ok")
                .orElseThrow();
        assertEquals("RECEIVE", p.name());
        assertEquals("1380013800", p.field("srcnum"));
        assertEquals("测试; id:x;ok", p.field("msg"));
        assertEquals("goip", p.password());
        assertEquals(java.util.Optional.of("RECEIVE 1571812849 OK"), p.ack(true, ""));
        assertEquals(java.util.Optional.of("RECEIVE 1571812849 ERROR not kept"), p.ack(false, "not kept"));
    }

    @Test
    void notificationsOfCallsAndDeliveryAreReadAsTheDocumentWritesThem() {
        var d = GoipPacket.parse("DELIVER:1571812803;id:goip-1;password:goip;sms_no:32;state:0;num:+861380013800")
                .orElseThrow();
        assertEquals("32", d.field("sms_no"));
        assertEquals("+861380013800", d.field("num"));
        var h = GoipPacket.parse("HANGUP:1571812814;id:goip-1;password:goip;num:,cause:Normal call clearing")
                .orElseThrow();
        assertEquals(",cause:Normal call clearing", h.field("num"));
        var s = GoipPacket.parse("STATE:1571812793;id:goip-1;password:goip;gsm_remain_state:IDLE").orElseThrow();
        assertEquals("IDLE", s.field("gsm_remain_state"));
        assertEquals(java.util.Optional.of("STATE 1571812793 OK"), s.ack(true, ""));
    }

    @Test
    void gsmAndAtRepliesAndUnknownNamesGetNoAcknowledgement() {
        assertTrue(GoipPacket.parse("GSM:1;get_gsm_num:(null);get_gsm_state:IDLE").orElseThrow().ack(true, "")
                .isEmpty());
        assertTrue(GoipPacket.parse("AT:20;count:1;id:goip-1;password:goip;receive:write:AT+CREG?").orElseThrow()
                .ack(true, "").isEmpty());
        assertTrue(GoipPacket.parse("FOO:1;id:goip-1").orElseThrow().ack(true, "").isEmpty());
    }

    @Test
    void whatIsNotOfTheKeyValueFormIsNoPacket() {
        assertTrue(GoipPacket.parse("SAMPLE:1;sample").isEmpty()); // NiceLabs' bad case: a field with no value
        assertTrue(GoipPacket.parse("").isEmpty());
        assertTrue(GoipPacket.parse("USSD 123 balance 12").isEmpty());
        assertTrue(GoipPacket.parse("req:;id:x;").isEmpty()); // no counter
        assertTrue(GoipPacket.parse("re q:1;id:x;").isEmpty());
        assertTrue(GoipPacket.parse("req:" + "9".repeat(21) + ";id:x;").isEmpty());
        assertTrue(GoipPacket.parse("req:1;id:" + "x".repeat(GoipPacket.MAX_BYTES) + ";").isEmpty());
        assertTrue(GoipPacket.parse("\u0000\u0001\u0002").isEmpty());
    }

    @Test
    void aRepeatedKeyKeepsItsFirstValue() {
        var p = GoipPacket.parse("req:1;id:goip-1;pass:right;pass:wrong;").orElseThrow();
        assertEquals("right", p.password());
    }

    @Test
    void commandRepliesAreSplitIntoNameIdAndRest() {
        var ok = GoipServer.reply("OK 123 1 32").orElseThrow();
        assertEquals("OK", ok.name());
        assertEquals("123", ok.sendId());
        assertEquals(List.of("1", "32"), ok.words());
        assertTrue(GoipServer.reply("DONE 123\n").orElseThrow().rest().isEmpty());
        assertEquals("Your balance is 12.34", GoipServer.reply("USSD 77 Your balance is 12.34").orElseThrow().rest());
        assertTrue(GoipServer.reply("OK abc 1").isEmpty());
        assertTrue(GoipServer.reply("nospace").isEmpty());
    }
}
