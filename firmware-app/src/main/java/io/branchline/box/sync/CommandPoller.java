package io.branchline.box.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallControl;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.store.StoredText;
import io.branchline.box.store.TimeText;
import io.branchline.box.web.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from the CRM by long-poll: a request always waits at the CRM (25 s), so a command issued there
 * reaches the box within a second. Each command id is executed at most once (the {@link CommandLog} is
 * checked and written before the acknowledgement), and acknowledged with its outcome; a command delivered
 * again gets the first outcome again. Every command is acknowledged, done, failed or rejected with the
 * reason; one that cannot even be identified (no id) is reported once (log, {@code /api/sync}, an event for
 * the CRM) and skipped. One bad command never blocks the next.
 */
public final class CommandPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandPoller.class);
    private static final int REPORTED_KEPT = 1000;

    private final CrmClient client;
    private final CrmEndpoints endpoints;
    private final String boxId;
    private final CommandLog commands;
    private final CrmCommands crmCommands;
    private final Events events;
    private final Clock clock;
    private final Set<String> reported = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REPORTED_KEPT;
        }
    });
    private final Thread loop;
    private volatile boolean running = true;
    private volatile boolean moved;
    private volatile String lastError = "";

    /** See {@link CrmCommands#take}. */
    void take(String type, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, Object> run) {
        crmCommands.take(type, run);
    }

    public CommandPoller(CrmClient client, CrmEndpoints endpoints, String boxId, CommandLog commands,
                         CallControl calls, SeatStates seats, Predicate<String> agentExists, CallGuard guard,
                         Events events, Clock clock) {
        this.client = client;
        this.endpoints = endpoints;
        this.boxId = boxId;
        this.commands = commands;
        this.crmCommands = new CrmCommands(calls, seats, agentExists, guard);
        this.events = events;
        this.clock = clock;
        // A long-poll waiting at the old server would hold commands issued at the new one for up to 25 s:
        // the waiting request is abandoned when the box moves.
        endpoints.onSwitch(() -> moved = true);
        this.loop = Thread.ofVirtual().name("crm-commands").start(this::run);
    }

    /** The last command the box could not take as it came (rejected, failed, unidentified), or "". */
    public String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            try {
                CrmClient.Bytes a = poll();
                if (a == null) {
                    continue; // moved to another server: poll there
                }
                if (!a.ok()) {
                    throw new IOException("commands answered " + a.status());
                }
                CommandBatch.Read read = CommandBatch.read(a.body(), a.length(), a.cut());
                for (CommandBatch.Incoming c : read.commands()) {
                    try {
                        handle(c);
                    } catch (IOException e) {
                        // The acknowledgement did not arrive: the CRM delivers the command again and gets the
                        // outcome from the log. The commands behind it go on now.
                        log.warn("event=crm-command-ack-failed id={} error=\"{}\"", CommandId.pathSegment(c.id()),
                                e.getMessage());
                    }
                }
                if (!read.stoppedBecause().isEmpty()) {
                    report("answer:" + read.stoppedBecause(), read.stoppedBecause());
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
    private CrmClient.Bytes poll() throws IOException, InterruptedException {
        moved = false;
        var f = client.getAsync(endpoints.current().base(), "/v1/boxes/" + boxId + "/commands?wait=25",
                Duration.ofSeconds(35), CommandBatch.MAX_ANSWER);
        while (true) {
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (moved || !running) {
                    f.cancel(true);
                    return null;
                }
            } catch (ExecutionException e) {
                throw new IOException(e.getCause() == null ? e.toString() : e.getCause().getMessage(), e);
            }
        }
    }

    void handle(CommandBatch.Incoming c) throws IOException {
        if (!c.identified()) {
            report(c.fingerprint(), c.problem());
            return;
        }
        String id = c.id();
        String type = c.command() == null ? "" : c.command().path("type").asText("");
        CommandLog.Outcome outcome = commands.find(id).orElse(null);
        if (outcome == null) {
            if (!CommandId.safe(id)) {
                outcome = new CommandLog.Outcome("rejected", "id: may hold only " + CommandId.SAFE + ", up to "
                        + CommandId.MAX, "{}");
            } else if (!c.problem().isEmpty()) {
                outcome = new CommandLog.Outcome("rejected", c.problem(), "{}");
            } else {
                outcome = crmCommands.execute(type, c.command().path("args"));
            }
            outcome = new CommandLog.Outcome(outcome.outcome(), StoredText.printable(outcome.reason()),
                    outcome.resultJson());
            commands.record(id, type, outcome);
            log.info("event=crm-command id={} type={} outcome={} reason=\"{}\"", CommandId.pathSegment(id),
                    CommandId.pathSegment(type), outcome.outcome(), outcome.reason());
            if (!outcome.outcome().equals("done")) {
                lastError = TimeText.of(clock.instant()) + " " + CommandId.pathSegment(id) + " " + outcome.outcome()
                        + ": " + outcome.reason();
            }
        }
        ObjectNode ack = Json.MAPPER.createObjectNode().put("v", 1).put("outcome", outcome.outcome())
                .put("reason", outcome.reason());
        ack.set("result", Json.MAPPER.readTree(outcome.resultJson()));
        client.post(endpoints.current().base(), "/v1/boxes/" + boxId + "/commands/" + CommandId.pathSegment(id)
                + "/ack", Json.MAPPER.writeValueAsString(ack), Duration.ofSeconds(10));
    }

    /** A command that cannot be acknowledged (no id to name it by): said once, then skipped. */
    private void report(String fingerprint, String problem) {
        synchronized (reported) {
            if (!reported.add(fingerprint)) {
                return;
            }
        }
        lastError = TimeText.of(clock.instant()) + " unidentified command " + fingerprint + ": " + problem;
        log.warn("event=crm-command-unidentified fingerprint={} problem=\"{}\"", fingerprint, problem);
        events.commandUnreadable(fingerprint, problem);
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
    }
}
