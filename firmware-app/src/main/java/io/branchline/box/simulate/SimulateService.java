package io.branchline.box.simulate;

import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/simulate}: the simulate mode's hardware and CRM, to look at and to poke.
 * <pre>
 * curl http://127.0.0.1:8080/api/simulate/network        # who called whom, dialled what, forwarded or not
 * curl http://127.0.0.1:8080/api/simulate/crm            # the two CRM stubs' addresses
 * curl -X POST 'http://127.0.0.1:8080/api/simulate/sms/desk-1001?from=13912345678&amp;text=hello'
 * curl -X POST 'http://127.0.0.1:8080/api/simulate/hook/desk-1001?off-hook=false'   # put the handset down
 * </pre>
 */
public final class SimulateService implements HttpService {
    private final SimulatedHardware sim;
    private final List<CrmStub> stubs;

    /** @param stubs the in-process CRM stubs, [private, public]; empty when a real CRM is configured */
    public SimulateService(SimulatedHardware sim, List<CrmStub> stubs) {
        this.sim = sim;
        this.stubs = List.copyOf(stubs);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/network", (req, res) -> Json.ok(res, sim.network().records()))
                .post("/sms/{line}", this::sms)
                .post("/hook/{line}", this::hook)
                .post("/call/{line}", this::callIn)
                .delete("/call/{line}", this::callerHangsUp)
                .post("/call/{line}/keys", this::keys);
        if (stubs.size() == 2) {
            rules.get("/crm", (req, res) -> Json.ok(res, Map.of("private", "http://127.0.0.1:" + stubs.get(0).port()
                    + "/stub/calls", "public", "http://127.0.0.1:" + stubs.get(1).port() + "/stub/calls")));
        }
    }

    /** A text message to a line's SIM: POST '/api/simulate/sms/desk-1001?from=13912345678&amp;text=...'. */
    private void sms(ServerRequest req, ServerResponse res) {
        String line = req.path().pathParameters().get("line");
        var simLine = sim.lines().stream().filter(l -> l.id().equals(line)).findFirst();
        String from = req.query().first("from").orElse("");
        String text = req.query().first("text").orElse("");
        var goipPort = sim.goipPort(line);
        if (simLine.isEmpty() && goipPort.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "line", "no emulated line " + line);
        } else if (!from.matches("\\+?[0-9]{3,20}")) {
            Json.error(res, Status.BAD_REQUEST_400, "from", "must be a phone number");
        } else if (goipPort.isPresent()) {
            // a GoIP joins a long text's parts itself and sends the whole text in one RECEIVE
            if (text.isEmpty() || text.length() > 1000 || text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
                Json.error(res, Status.BAD_REQUEST_400, "text", "must be 1 to 1000 characters, no control characters");
            } else {
                Json.ok(res, Map.of("line", line, "receiveId", goipPort.get().receiveSms(from, text)));
            }
        } else if (text.isEmpty() || text.length() > 70) {
            Json.error(res, Status.BAD_REQUEST_400, "text", "must be 1 to 70 characters");
        } else {
            int index = sim.bus().modemAt(simLine.get().address().usbPath()).receiveSms(from, text);
            Json.ok(res, Map.of("line", line, "simIndex", index));
        }
    }

    /** A customer calling a line's SIM, on a modem or a GoIP port. */
    private record Caller(java.util.function.BooleanSupplier present, java.util.function.Consumer<String> press,
                          Runnable hangUp) {
    }

    private final Map<String, Caller> calling = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A customer calls a line's SIM: POST '/api/simulate/call/desk-1001?from=13912345678' (from empty or
     * absent: a withheld number); on a GoIP port the gateway sends the box the call over SIP. 409 when that
     * line has a call up already.
     */
    private void callIn(ServerRequest req, ServerResponse res) {
        String line = req.path().pathParameters().get("line");
        var simLine = sim.lines().stream().filter(l -> l.id().equals(line)).findFirst();
        var goipPort = sim.goipPort(line);
        String from = req.query().first("from").orElse("");
        if (simLine.isEmpty() && goipPort.isEmpty()) {
            Json.error(res, Status.NOT_FOUND_404, "line", "no emulated line " + line);
        } else if (!from.isEmpty() && !from.matches("\\+?[0-9]{3,20}")) {
            Json.error(res, Status.BAD_REQUEST_400, "from", "must be a phone number, or empty for a withheld one");
        } else {
            Caller caller = simLine.isPresent() ? modemCaller(simLine.get(), from) : goipCaller(goipPort.get(), from);
            if (caller == null) {
                Json.error(res, Status.CONFLICT_409, "line", line + " has a call up already");
                return;
            }
            calling.put(line, caller);
            Json.ok(res, Map.of("line", line, "from", from, "ringing", true));
        }
    }

    private Caller modemCaller(SimulatedHardware.SimLine line, String from) {
        var modem = sim.bus().modemAt(line.address().usbPath());
        var in = modem.ring(from);
        return in == null ? null : new Caller(in::present, modem::press, in::callerHangsUp);
    }

    private static Caller goipCaller(io.branchline.hw.emulator.EmulatedGoipPort port, String from) {
        io.branchline.hw.emulator.EmulatedGoipPort.Ringing in;
        try {
            in = port.ring(from);
        } catch (Exception e) {
            throw new IllegalStateException("the emulated GoIP could not place the call: " + e.getMessage(), e);
        }
        return in == null ? null : new Caller(in::present, port.voice()::press, in::callerHangsUp);
    }

    /** The caller presses keys: POST '/api/simulate/call/sim-1/keys?digits=12%23' (tones, or RFC 2833 on GoIP). */
    private void keys(ServerRequest req, ServerResponse res) {
        String line = req.path().pathParameters().get("line");
        String digits = req.query().first("digits").orElse("");
        Caller caller = calling.get(line);
        if (caller == null || !caller.present().getAsBoolean()) {
            Json.error(res, Status.NOT_FOUND_404, "line", "no emulated caller on " + line);
        } else if (!digits.matches("[0-9*#]{1,32}")) {
            Json.error(res, Status.BAD_REQUEST_400, "digits", "1 to 32 of 0-9, * and #");
        } else {
            caller.press().accept(digits);
            Json.ok(res, Map.of("line", line, "digits", digits));
        }
    }

    /** The customer calling a line hangs up: DELETE /api/simulate/call/desk-1001. */
    private void callerHangsUp(ServerRequest req, ServerResponse res) {
        String line = req.path().pathParameters().get("line");
        var in = calling.remove(line);
        if (in == null || !in.present().getAsBoolean()) {
            Json.error(res, Status.NOT_FOUND_404, "line", "no emulated caller on " + line);
            return;
        }
        in.hangUp().run();
        Json.ok(res, Map.of("line", line, "hungUp", true));
    }

    /** The emulated desk phone's handset: POST /api/simulate/hook/desk-1001?off-hook=false puts it down. */
    private void hook(ServerRequest req, ServerResponse res) {
        String line = req.path().pathParameters().get("line");
        int pin = line.equals("desk-1001") ? SimulatedHardware.HOOK_1001
                : line.equals("desk-1002") ? SimulatedHardware.HOOK_1002 : -1;
        if (pin < 0) {
            Json.error(res, Status.NOT_FOUND_404, "line", "no hook switch on " + line);
            return;
        }
        boolean offHook = req.query().first("off-hook").asOptional().map(Boolean::parseBoolean).orElse(true);
        sim.gpio().drive(pin, !offHook); // the switch pulls the line low when the handset is lifted
        Json.ok(res, Map.of("line", line, "offHook", offHook));
    }
}
