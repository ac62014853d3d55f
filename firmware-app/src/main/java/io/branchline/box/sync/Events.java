package io.branchline.box.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.branchline.box.call.CallView;
import io.branchline.box.line.LineView;
import io.branchline.box.line.FrequentCallWarnings;
import io.branchline.box.web.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Events for the CRM, written to the outbox as they happen: a line changing state, a call answered, a
 * frequent-call warning. (Call records go in with their own row, in the record's transaction.)
 */
public final class Events {
    private final Outbox outbox;

    public Events(Outbox outbox) {
        this.outbox = outbox;
    }

    public void lineState(LineView line) {
        add("line.state", "line:" + line.id() + ":" + line.updated() + ":" + line.state(), Map.of("line", line));
    }

    public void callRinging(CallView call) {
        add("call.ringing", "ringing:" + call.id(), Map.of("call", call));
    }

    /**
     * The screen pop (自动弹屏): an inbound call rings for {@code call.agent()}; the CRM shows the caller on
     * that agent's screen, with the way the caller came through the switchboard's menus and queues (empty
     * for a call that rang a desk-phone SIM). The box matches no customer itself: the CRM knows the caller.
     */
    public void screenPop(CallView call) {
        Map<String, Object> pop = new java.util.LinkedHashMap<>();
        pop.put("agent", call.agent());
        pop.put("caller", call.numberGiven());
        pop.put("callId", call.id());
        pop.put("customerId", call.customerId());
        pop.put("menuPath", io.branchline.box.call.SwitchboardList.path(call.detail()));
        pop.put("call", call);
        add("call.incoming", "incoming:" + call.id(), pop);
    }

    /** An agent's seat state changed (示闲 / 示忙 / 小休中): who set it, through what, why. */
    public void seatState(io.branchline.box.agent.SeatStates.Change c) {
        add("agent.state", "seat:" + c.agent() + ":" + c.at() + ":" + c.state(), Map.of("seat", c));
    }

    /**
     * An agent threw a customer of their list to the public pool (扔公海): the CRM moves the customer there.
     * {@code entry} names the agent, the number, the customer id and the call.
     */
    public void listThrown(Map<String, Object> entry) {
        add("list.thrown", "thrown:" + entry.get("agent") + ":" + entry.get("seq") + ":" + entry.get("callId"),
                Map.of("entry", entry));
    }

    /** An agent's list moved: started, paused, a number's result, done (the progress the CRM shows). */
    public void listProgress(String agent, String at, Object progress) {
        add("list.progress", "list:" + agent + ":" + at, Map.of("progress", progress));
    }

    /** SIM protection put a SIM to rest (防封号): which, until when, why, its score. */
    public void simRest(io.branchline.box.line.SimHealth.Score score) {
        add("sim.rest", "rest:" + score.iccid() + ":" + (score.resting() == null ? "" : score.resting().since()),
                Map.of("sim", score));
    }

    public void callAnswered(CallView call) {
        add("call.answered", "answered:" + call.id(), Map.of("call", call));
    }

    public void warning(FrequentCallWarnings.Warning w) {
        add("warning", "warning:" + w.lineId() + ":" + w.at(), Map.of("warning", w));
    }

    /** The recordings' disk quota is full of recordings the CRM has not yet received. */
    public void recordingQuota(String text, String at) {
        add("warning", "recording-quota:" + at, Map.of("warning", Map.of("kind", "recording-quota", "at", at,
                "text", text)));
    }

    /**
     * A text message a line's SIM received. Written before the SIM's copy is deleted; the key is made of the
     * message itself, so one read twice (the box stopped between) is kept once.
     */
    public void sms(io.branchline.hw.modem.ReceivedSms sms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", sms.lineId());
        m.put("simIccid", sms.simIccid());
        m.put("sender", sms.sender());
        m.put("sentAt", sms.sentAt());
        m.put("text", sms.text());
        m.put("parts", sms.parts());
        m.put("complete", sms.complete());
        m.put("missingParts", sms.missing());
        add("sms", "sms:" + sms.simIccid() + ":" + sms.sender() + ":" + sms.sentAt() + ":"
                + Integer.toHexString(sms.text().hashCode()), Map.of("sms", m));
    }

    /**
     * A text message the box sends moved on: queued, sent (with the network's references), delivered, or
     * ended (blocked, failed, unknown). One event per state, so the CRM can show where each message is.
     */
    public void smsOut(io.branchline.box.sms.SentMessages.Message m) {
        add("sms.out", "sms-out:" + m.id() + ":" + m.state(), Map.of("sms", m));
    }

    /**
     * A command from the CRM the box could not identify (no id, not an object, an answer it could not read):
     * it is skipped, and the CRM hears of it once.
     */
    public void commandUnreadable(String fingerprint, String problem) {
        add("command.unreadable", "command-unreadable:" + fingerprint, Map.of("fingerprint", fingerprint,
                "problem", problem));
    }

    /** The box moved to another CRM server (failover, by hand, or the early-morning return). */
    public void crmSwitch(String to, String why) {
        add("crm.switch", "crm-switch:" + why, Map.of("server", to, "reason", why));
    }

    private void add(String kind, String key, Map<String, Object> body) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("v", 1);
        payload.put("type", kind);
        payload.putAll(body);
        try {
            outbox.add(kind, key, Json.MAPPER.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + kind + " event", e);
        }
    }
}
