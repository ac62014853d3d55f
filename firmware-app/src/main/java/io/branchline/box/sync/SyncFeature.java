package io.branchline.box.sync;

import io.branchline.box.agent.Agents;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallControl;
import io.branchline.box.config.BoxConfig;
import io.branchline.box.crmstub.CrmStub;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.FrequentCallWarnings;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.recording.RecordingFeature;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.hw.line.Line;
import io.branchline.hw.time.Scheduler;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The CRM sync room: the servers (in simulate mode without a configured CRM, two in-process stubs stand for
 * the private and the public one), the outbox drain with its heartbeat, the command long-poll, and the
 * events the rest of the box reports through the outbox. {@code /api/sync} when a CRM is there.
 */
public final class SyncFeature implements AutoCloseable {
    private final List<CrmStub> stubs;
    private final OutboxSender sender;
    private final CommandPoller poller;
    private final Outbox outbox;
    private final Events events;
    private final java.util.function.Function<String, Optional<String>> owners;

    private SyncFeature(List<CrmStub> stubs, OutboxSender sender, CommandPoller poller, Outbox outbox, Events events,
                        java.util.function.Function<String, Optional<String>> owners) {
        this.owners = owners;
        this.stubs = stubs;
        this.outbox = outbox;
        this.events = events;
        this.sender = sender;
        this.poller = poller;
    }

    /**
     * Starts the sync when a CRM is configured, or in simulate mode with the stubs.
     *
     * @param heartbeat what the heartbeat reports (lines, agents)
     */
    public static SyncFeature start(BoxConfig config, boolean simulate, Database db, Scheduler scheduler,
                                    Supplier<Map<String, Object>> heartbeat, CallControl calls, SeatStates seats,
                                    Agents agents, CallGuard guard) {
        List<CrmStub> stubs = new ArrayList<>();
        BoxConfig.Crm crm = config.crm();
        List<CrmEndpoints.Endpoint> endpoints = new ArrayList<>();
        if (simulate && !crm.configured()) {
            for (String name : List.of("private", "public")) {
                CrmStub stub = CrmStub.start("127.0.0.1", 0);
                stubs.add(stub);
                endpoints.add(new CrmEndpoints.Endpoint(name, URI.create("http://127.0.0.1:" + stub.port() + "/crm")));
            }
            crm = new BoxConfig.Crm(null, null, "simulate-token", null, true, null, null, null);
        } else {
            if (!crm.privateUrl().isEmpty()) {
                endpoints.add(new CrmEndpoints.Endpoint("private", URI.create(crm.privateUrl())));
            }
            if (!crm.publicUrl().isEmpty()) {
                endpoints.add(new CrmEndpoints.Endpoint("public", URI.create(crm.publicUrl())));
            }
        }
        Outbox outbox = new Outbox(db, scheduler.clock());
        Events events = new Events(outbox);
        if (endpoints.isEmpty()) {
            return new SyncFeature(stubs, null, null, outbox, events, n -> Optional.empty());
        }
        CrmClient client = new CrmClient(crm.boxToken(), crm.caFile());
        CrmEndpoints crmEndpoints = new CrmEndpoints(endpoints, crm.failuresBeforeFailover(),
                Duration.ofSeconds(crm.failoverWindowSeconds()), crm.returnHour(), scheduler.clock());
        String boxId = config.box().id();
        OutboxSender sender = new OutboxSender(outbox, client, crmEndpoints, boxId,
                scheduler, new Random(), heartbeat);
        CommandPoller poller = new CommandPoller(client, crmEndpoints, boxId, new CommandLog(db, scheduler.clock()),
                calls, seats, a -> agents.find(a).isPresent(), guard, events, scheduler.clock());
        crmEndpoints.onSwitch(() -> events.crmSwitch(crmEndpoints.current().name(), crmEndpoints.lastSwitch()));
        return new SyncFeature(stubs, sender, poller, outbox, events, new CrmOwners(client, crmEndpoints));
    }

    /**
     * What the CRM hears of through the outbox once it is there: calls ringing and answered, frequent-call
     * warnings, lines changing state, a recordings quota full of what it does not have yet; and the
     * recordings uploaded before their records.
     */
    public void report(LineRegistry lines, CallControl calls, io.branchline.box.call.InboundCalls inbound,
                       SeatStates seats,
                       FrequentCallWarnings warnings, RecordingFeature recording, Scheduler scheduler) {
        if (sender == null) {
            return;
        }
        inbound.onRingingForAgent(events::screenPop);
        seats.onChanged(events::seatState);
        calls.onRinging(events::callRinging);
        calls.onAnswered(events::callAnswered);
        warnings.onRaise(events::warning);
        Map<String, String> lastState = new ConcurrentHashMap<>();
        for (Line l : lines.all()) {
            l.onChange(s -> {
                if (!s.status().state().label().equals(lastState.put(l.id(), s.status().state().label()))) {
                    events.lineState(lines.view(l));
                }
            });
        }
        recording.onQuotaWarning(text -> events.recordingQuota(text, TimeText.of(scheduler.clock().instant())));
        sender.uploadRecordingsFrom(new OutboxSender.RecordingFiles() {
            @Override
            public Optional<Path> file(String callId) {
                return recording.recordings().fileOf(callId);
            }

            @Override
            public void uploaded(String callId) {
                recording.uploaded(callId);
            }
        });
    }

    /**
     * The CRM's commands of {@code type} go to {@code run} (list dialing, group-call tasks); nothing when no
     * CRM is configured. An IllegalArgumentException ("field: reason") rejects a command.
     */
    public void take(String type, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, Object> run) {
        if (poller != null) {
            poller.take(type, run);
        }
    }

    /** The events into the outbox, kept whether or not a CRM is there (the text messages the SIMs receive). */
    public Events events() {
        return events;
    }

    /** The CRM's owner of a number (the agent it belongs to), asked with a short limit; empty without a CRM. */
    public java.util.function.Function<String, Optional<String>> owners() {
        return owners;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The sync with the CRM, when one is configured (always in simulate mode). */
    public Optional<OutboxSender> sender() {
        return Optional.ofNullable(sender);
    }

    /** The in-process CRM stubs of simulate mode: [private, public]; empty otherwise. */
    public List<CrmStub> stubs() {
        return stubs;
    }

    public void routes(HttpRouting.Builder r) {
        if (sender != null) {
            r.register("/api/sync", new SyncService(sender, poller));
        }
    }

    /** Stops the drain and the long-poll; the stubs go with {@link #closeStubs()}, after the API. */
    @Override
    public void close() {
        if (sender != null) {
            sender.close();
            poller.close();
        }
    }

    public void closeStubs() {
        stubs.forEach(CrmStub::close);
    }
}
