package io.branchline.box.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.agent.Agent;
import io.branchline.box.agent.Agents;
import io.branchline.box.number.InvalidNumberException;
import io.branchline.box.number.PhoneNumber;
import io.branchline.hw.at.DialString;

/**
 * A click-to-call request as it arrives (the API, the CLI, a CRM command): the agent, the number, the
 * CRM's customer id, the dialing mode, and whether a risk number is forced.
 */
public record CallRequest(String agent, String number, String customerId, String mode, boolean force) {

    /**
     * The request after its checks: every field known good; {@code customer} is what the modem dials,
     * {@code number} the number read once for the guard's lists too.
     */
    public record Checked(Agent agent, String numberGiven, PhoneNumber number, DialString customer, DialMode mode,
                          String customerId, boolean force) {
    }

    /**
     * A request as JSON carries it ({@code POST /api/calls}, the CRM's {@code call.start}): text fields and a
     * boolean {@code force}; anything else where they belong is refused naming the field.
     */
    public static CallRequest fromJson(JsonNode body) {
        JsonNode force = body.get("force");
        if (force != null && !force.isNull() && !force.isBoolean()) {
            throw CallRequestException.invalid("force", "must be true or false");
        }
        return new CallRequest(text(body, "agent"), text(body, "number"), text(body, "customerId"),
                text(body, "mode"), force != null && force.asBoolean());
    }

    /** A text field of a JSON body, or null; a number or an object where text belongs is refused naming it. */
    public static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw CallRequestException.invalid(field, "must be a string");
        }
        return n.asText();
    }

    /**
     * Checks every field, refusing the first bad one by name; nothing reaches a modem. A request that names
     * no mode goes out the way the agent's desk phone is set to ({@code usualMode}; empty: direct).
     */
    public Checked check(Agents agents, java.util.function.Function<Agent, String> usualMode) {
        Agent a = agents.find(agent == null ? "" : agent)
                .orElseThrow(() -> CallRequestException.invalid("agent", "no agent \"" + agent + "\""));
        PhoneNumber n;
        try {
            n = PhoneNumber.parse("number", number);
        } catch (InvalidNumberException e) {
            throw CallRequestException.invalid(e.field(), e.reason());
        }
        if (!n.extension().isEmpty()) {
            throw CallRequestException.invalid("number", "no dialing mode dials an extension; give the number alone");
        }
        String usual = usualMode.apply(a);
        String asked = mode == null || mode.isEmpty() ? (usual.isEmpty() ? "direct" : usual) : mode;
        DialMode m = DialMode.parse(asked).orElseThrow(() ->
                CallRequestException.invalid("mode", "\"" + mode + "\" is not a dialing mode; use one of "
                        + DialMode.NAMES));
        String customerRef = customerId == null ? "" : customerId;
        if (!customerRef.matches("[A-Za-z0-9_.:-]{0,64}")) {
            throw CallRequestException.invalid("customerId", "may hold up to 64 letters, digits, '_', '.', ':' or '-'");
        }
        return new Checked(a, number.strip(), n, new DialString(n.dialable()), m, customerRef, force);
    }
}
