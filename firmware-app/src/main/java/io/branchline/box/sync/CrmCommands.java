package io.branchline.box.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallControl;
import io.branchline.box.call.CallRequest;
import io.branchline.box.call.CallRequestException;
import io.branchline.box.call.CallView;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.guard.NumberList;
import io.branchline.box.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The commands the box takes from the CRM, each run to an outcome: {@code done}; {@code rejected} when the
 * command itself is wrong (unknown type, a bad field, a number the call guard refuses), which a CRM must not
 * send again as it is; {@code failed} when the box could not do it now (a busy line), which it may retry.
 * Nothing a command holds makes this throw.
 */
final class CrmCommands {
    private final CallControl calls;
    private final SeatStates seats;
    private final Predicate<String> agentExists;
    private final CallGuard guard;

    CrmCommands(CallControl calls, SeatStates seats, Predicate<String> agentExists, CallGuard guard) {
        this.calls = calls;
        this.seats = seats;
        this.agentExists = agentExists;
        this.guard = guard;
    }

    /** The commands other parts of the box take (list dialing, group-call tasks), by type. */
    private final Map<String, java.util.function.Function<JsonNode, Object>> others =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Takes commands of {@code type} with {@code run}, whose answer is the command's result; an
     * IllegalArgumentException ("field: reason") rejects the command.
     */
    void take(String type, java.util.function.Function<JsonNode, Object> run) {
        others.put(type, run);
    }

    CommandLog.Outcome execute(String type, JsonNode args) {
        try {
            if (!args.isObject() && !args.isMissingNode() && !args.isNull()) {
                return rejected("args: must be an object");
            }
            return switch (type) {
                case "call.start" -> callStart(args);
                case "call.hangup" -> callHangup(args);
                case "agent.state" -> agentState(args);
                case "guard.blacklist.add", "guard.blacklist.remove", "guard.risk.add", "guard.risk.remove" ->
                        numberList(type, args);
                case "guard.settings" -> guardSettings(args);
                case "guard.approve" -> {
                    guard.approve(orEmpty(text(args, "number")), "crm");
                    yield done("{}");
                }
                default -> {
                    java.util.function.Function<JsonNode, Object> more = others.get(type);
                    yield more == null ? rejected("type: \"" + type + "\" is not a command this box takes")
                            : done(Json.MAPPER.writeValueAsString(more.apply(args)));
                }
            };
        } catch (CallRequestException e) {
            return new CommandLog.Outcome(e.conflict() && !e.refusedByGuard() ? "failed" : "rejected", e.getMessage(),
                    "{}");
        } catch (IllegalArgumentException e) {
            return rejected(e.getMessage());
        } catch (JsonProcessingException e) {
            return new CommandLog.Outcome("failed", "the box could not write its answer: " + e.getMessage(), "{}");
        } catch (RuntimeException e) {
            // A defect of the box's, not of the command: said as such, and the channel goes on.
            return new CommandLog.Outcome("failed", "the box could not run it: " + e, "{}");
        }
    }

    private CommandLog.Outcome callStart(JsonNode args) {
        CallView v = calls.start(CallRequest.fromJson(args));
        return done("{\"call\":\"" + v.id() + "\"}");
    }

    private CommandLog.Outcome callHangup(JsonNode args) {
        String call = text(args, "call");
        if (call == null || call.isEmpty()) {
            return rejected("call: give the id of the call to hang up");
        }
        return calls.hangUp(call) ? done("{}") : rejected("call: no such call is up");
    }

    private CommandLog.Outcome agentState(JsonNode args) {
        String agent = text(args, "agent");
        String state = text(args, "state");
        if (agent == null || !agentExists.test(agent)) {
            return rejected("agent: no agent \"" + (agent == null ? "" : agent) + "\"");
        }
        if (state == null || !SeatStates.STATES.contains(state)) {
            return rejected("state: must be idle, busy or break");
        }
        String reason = text(args, "reason");
        try {
            seats.set(agent, state, reason == null ? "" : reason, "crm", "crm");
        } catch (IllegalArgumentException e) {
            return rejected("reason: " + e.getMessage());
        }
        return done("{}");
    }

    private CommandLog.Outcome numberList(String type, JsonNode args) {
        NumberList target = type.startsWith("guard.risk.") ? guard.risk() : guard.blacklist();
        JsonNode list = args.path("numbers");
        if (!list.isArray()) {
            return rejected("numbers: must be a list of phone numbers");
        }
        List<String> numbers = new ArrayList<>();
        list.forEach(n -> numbers.add(n.isTextual() ? n.asText() : null));
        int changed = type.endsWith(".add") ? target.add(numbers, text(args, "reason"), "crm") : target.remove(numbers);
        return done("{\"changed\":" + changed + "}");
    }

    private CommandLog.Outcome guardSettings(JsonNode args) throws JsonProcessingException {
        JsonNode on = args.get("enabled");
        JsonNode approval = args.get("forcedDialApproval");
        if ((on != null && !on.isBoolean()) || (approval != null && !approval.isBoolean())) {
            return rejected((on != null && !on.isBoolean() ? "enabled" : "forcedDialApproval")
                    + ": must be true or false");
        }
        var now = guard.set(on == null ? null : on.asBoolean(), approval == null ? null : approval.asBoolean());
        return done(Json.MAPPER.writeValueAsString(now));
    }

    private static CommandLog.Outcome done(String result) {
        return new CommandLog.Outcome("done", "", result);
    }

    private static CommandLog.Outcome rejected(String reason) {
        return new CommandLog.Outcome("rejected", reason, "{}");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String text(JsonNode args, String field) {
        return CallRequest.text(args, field);
    }

}
