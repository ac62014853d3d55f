package io.branchline.box.listdial;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchline.box.call.CallControl;
import io.branchline.box.call.CallsFeature;
import io.branchline.box.groupcall.RedialRule;
import io.branchline.box.number.NumberSheet;
import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import io.branchline.box.sync.SyncFeature;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;

/**
 * List dialing put together: the lists, the dialer over click-to-call, its events to the CRM (a customer thrown
 * to the public pool, each list's progress) and the CRM's commands: {@code list.add} {agent, numbers | csv},
 * {@code list.start} {agent, autoNextSeconds?}, {@code list.pause} {agent}, {@code list.next} {agent, action},
 * {@code list.clear} {agent}. {@code /api/lists}.
 */
public final class ListsFeature {
    private final ListDialer dialer;
    private final Predicate<String> agentExists;

    public ListsFeature(Database db, Clock clock, CallsFeature room, CallControl calls, RedialRule redial,
                        SyncFeature sync, io.branchline.box.agent.Agents agentList,
                        io.branchline.box.line.LineRegistry lines) {
        java.util.function.Function<String, java.util.Optional<io.branchline.box.agent.Agent>> agents = agentList::find;
        this.agentExists = a -> agentList.find(a).isPresent();
        ListDialer.Events events = new ListDialer.Events() {
            @Override
            public void thrown(Map<String, Object> entry) {
                sync.events().listThrown(entry);
            }

            @Override
            public void progress(DialLists.Progress p) {
                sync.events().listProgress(p.agent(), TimeText.of(clock.instant()) + ":" + p.done() + ":" + p.state(), p);
            }
        };
        // A list pauses rather than dial on a resting SIM its rotation cannot move off.
        java.util.function.Function<String, java.util.Optional<String>> held = agent -> agents.apply(agent)
                .flatMap(io.branchline.box.agent.Agent::lineId).flatMap(lines::line).filter(room::onRestingSim)
                .map(l -> "the SIM on line " + l.id() + " rests (SIM protection)");
        this.dialer = new ListDialer(new DialLists(db, clock), calls, room.watch()::onEnded, redial, events, held);
        sync.take("list.add", args -> {
            NumberSheet.Read r = dialer.add(agent(args), NumberSheet.fromJson(args));
            return Map.of("added", r.rows().size(), "refused", r.bad());
        });
        sync.take("list.start", args -> {
            JsonNode n = args.get("autoNextSeconds");
            if (n != null && !n.isNull() && !n.canConvertToExactIntegral()) {
                throw new IllegalArgumentException("autoNextSeconds: must be a whole number of seconds");
            }
            return dialer.start(agent(args), n == null || n.isNull() ? null : n.asInt());
        });
        sync.take("list.pause", args -> dialer.pause(agent(args)));
        sync.take("list.next", args -> dialer.choose(agent(args), args.path("action").asText("")));
        sync.take("list.clear", args -> Map.of("cleared", dialer.clear(agent(args))));
    }

    private String agent(JsonNode args) {
        String a = args.path("agent").asText("");
        if (!agentExists.test(a)) {
            throw new IllegalArgumentException("agent: no agent \"" + io.branchline.box.store.StoredText.printable(a)
                    + "\"");
        }
        return a;
    }

    public ListDialer dialer() {
        return dialer;
    }

    public void routes(HttpRouting.Builder r) {
        r.register("/api/lists", new ListsService(dialer, agentExists));
    }
}
