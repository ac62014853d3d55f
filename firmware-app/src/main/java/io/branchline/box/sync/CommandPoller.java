package io.branchline.box.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.call.CallRequestException;
import io.branchline.box.call.CallControl;
import io.branchline.box.call.CallView;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from the CRM by long-poll: a request always waits at the CRM (25 s), so a command issued there
 * reaches the box within a second. Each command id is executed at most once (the {@link CommandLog} is
 * checked and written before the acknowledgement), and acknowledged with its outcome; a command delivered
 * again gets the first outcome again. Unknown types and invalid fields are acknowledged as rejected.
 */
public final class CommandPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandPoller.class);

    private final CrmClient client;
    private final CrmEndpoints endpoints;
    private final String boxId;
    private final CommandLog commands;
    private final CallControl calls;
    private final io.branchline.box.agent.SeatStates seats;
    private final java.util.function.Predicate<String> agentExists;
    private final Thread loop;
    private volatile boolean running = true;
    private volatile boolean moved;

    private final io.branchline.box.guard.CallGuard guard;

    public CommandPoller(CrmClient client, CrmEndpoints endpoints, String boxId, CommandLog commands,
                         CallControl calls, io.branchline.box.agent.SeatStates seats,
                         java.util.function.Predicate<String> agentExists, io.branchline.box.guard.CallGuard guard) {
        this.guard = guard;
        this.seats = seats;
        this.agentExists = agentExists;
        this.client = client;
        this.endpoints = endpoints;
        this.boxId = boxId;
        this.commands = commands;
        this.calls = calls;
        // A long-poll waiting at the old server would hold commands issued at the new one for up to 25 s:
        // the waiting request is abandoned when the box moves.
        endpoints.onSwitch(() -> moved = true);
        this.loop = Thread.ofVirtual().name("crm-commands").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                CrmClient.Answer a = poll();
                if (a == null) {
                    continue; // moved to another server: poll there
                }
                if (!a.ok()) {
                    throw new IOException("commands answered " + a.status());
                }
                for (JsonNode c : Json.MAPPER.readTree(a.body()).path("commands")) {
                    handle(c);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.debug("event=command-poll-failed error=\"{}\"", e.getMessage());
                try {
                    TimeUnit.SECONDS.sleep(2);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One long-poll; null when the box moved to another server while it waited. */
    private CrmClient.Answer poll() throws IOException, InterruptedException {
        moved = false;
        var f = client.getAsync(endpoints.current().base(), "/v1/boxes/" + boxId + "/commands?wait=25",
                Duration.ofSeconds(35));
        while (true) {
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (moved || !running) {
                    f.cancel(true);
                    return null;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
            }
        }
    }

    void handle(JsonNode c) throws IOException {
        String id = c.path("id").asText("");
        if (id.isEmpty()) {
            return;
        }
        String type = c.path("type").asText("");
        CommandLog.Outcome outcome = commands.find(id).orElse(null);
        if (outcome == null) {
            outcome = execute(type, c.path("args"));
            commands.record(id, type, outcome);
            log.info("event=crm-command id={} type={} outcome={} reason=\"{}\"", id, type, outcome.outcome(),
                    outcome.reason());
        }
        ObjectNode ack = Json.MAPPER.createObjectNode().put("v", 1).put("outcome", outcome.outcome())
                .put("reason", outcome.reason());
        ack.set("result", Json.MAPPER.readTree(outcome.resultJson()));
        client.post(endpoints.current().base(), "/v1/boxes/" + boxId + "/commands/" + id + "/ack",
                Json.MAPPER.writeValueAsString(ack), Duration.ofSeconds(10));
    }

    private CommandLog.Outcome execute(String type, JsonNode args) {
        try {
            return switch (type) {
                case "call.start" -> {
                    JsonNode force = args.get("force");
                    if (force != null && !force.isBoolean()) {
                        yield new CommandLog.Outcome("rejected", "force: must be true or false", "{}");
                    }
                    CallView v = calls.start(text(args, "agent"), text(args, "number"), text(args, "customerId"),
                            text(args, "mode"), force != null && force.asBoolean());
                    yield new CommandLog.Outcome("done", "", "{\"call\":\"" + v.id() + "\"}");
                }
                case "agent.state" -> {
                    String agent = text(args, "agent");
                    String state = text(args, "state");
                    if (agent == null || !agentExists.test(agent)) {
                        yield new CommandLog.Outcome("rejected", "agent: no agent \"" + agent + "\"", "{}");
                    }
                    if (state == null || !io.branchline.box.agent.SeatStates.STATES.contains(state)) {
                        yield new CommandLog.Outcome("rejected", "state: must be idle, busy or break", "{}");
                    }
                    seats.set(agent, state);
                    yield new CommandLog.Outcome("done", "", "{}");
                }
                case "guard.blacklist.add", "guard.blacklist.remove", "guard.risk.add", "guard.risk.remove" -> {
                    io.branchline.box.guard.NumberList target = type.startsWith("guard.risk.") ? guard.risk()
                            : guard.blacklist();
                    java.util.List<String> numbers = new java.util.ArrayList<>();
                    JsonNode list = args.path("numbers");
                    if (!list.isArray()) {
                        yield new CommandLog.Outcome("rejected", "numbers: must be a list of phone numbers", "{}");
                    }
                    list.forEach(n -> numbers.add(n.isTextual() ? n.asText() : null));
                    try {
                        int changed = type.endsWith(".add") ? target.add(numbers, text(args, "reason"), "crm")
                                : target.remove(numbers);
                        yield new CommandLog.Outcome("done", "", "{\"changed\":" + changed + "}");
                    } catch (IllegalArgumentException e) {
                        yield new CommandLog.Outcome("rejected", e.getMessage(), "{}");
                    }
                }
                case "guard.settings" -> {
                    JsonNode on = args.get("enabled");
                    JsonNode approval = args.get("forcedDialApproval");
                    if ((on != null && !on.isBoolean()) || (approval != null && !approval.isBoolean())) {
                        yield new CommandLog.Outcome("rejected", (on != null && !on.isBoolean() ? "enabled"
                                : "forcedDialApproval") + ": must be true or false", "{}");
                    }
                    var now = guard.set(on == null ? null : on.asBoolean(), approval == null ? null : approval.asBoolean());
                    yield new CommandLog.Outcome("done", "", Json.MAPPER.writeValueAsString(now));
                }
                case "guard.approve" -> {
                    try {
                        String number = text(args, "number");
                        guard.approve(number == null ? "" : number, "crm");
                        yield new CommandLog.Outcome("done", "", "{}");
                    } catch (IllegalArgumentException e) {
                        yield new CommandLog.Outcome("rejected", e.getMessage(), "{}");
                    }
                }
                case "call.hangup" -> calls.hangUp(text(args, "call"))
                        ? new CommandLog.Outcome("done", "", "{}")
                        : new CommandLog.Outcome("rejected", "call: no such call is up", "{}");
                default -> new CommandLog.Outcome("rejected", "type: \"" + type + "\" is not a command this box takes",
                        "{}");
            };
        } catch (CallRequestException e) {
            return new CommandLog.Outcome(e.conflict() ? "failed" : "rejected", e.getMessage(), "{}");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new CommandLog.Outcome("failed", "the box could not write its answer: " + e.getMessage(), "{}");
        }
    }

    private static String text(JsonNode args, String field) {
        JsonNode n = args.get(field);
        if (n != null && !n.isNull() && !n.isTextual()) {
            throw CallRequestException.invalid(field, "must be a string");
        }
        return n == null || n.isNull() ? null : n.asText();
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
    }
}
