package io.branchline.box.groupcall;

import io.branchline.box.agent.Agents;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallsFeature;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.store.Database;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.web.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Group calling (群呼助手) put together: the tasks' store, the re-dial rules (saved from the page or the API),
 * and the dialer, which picks up the tasks that were running when the box stopped. A task dials on lines
 * nobody owns that do not answer the switchboard (a switchboard line stays free for callers).
 * {@code /api/group-tasks}, {@code /api/dialing-rules}.
 */
public final class GroupCallsFeature implements AutoCloseable {
    static final String RULES_SCOPE = "dialing-rules";

    private final GroupDialer dialer;
    private final SavedSettings saved;

    public GroupCallsFeature(Database db, SavedSettings saved, Clock clock, CallsFeature calls, LineRegistry lines,
                             Agents agents, SeatStates seats, CallGuard guard,
                             Function<String, Optional<byte[]>> prompts, Duration wrapUp,
                             java.util.function.Predicate<String> answersSwitchboard) {
        this.saved = saved;
        GroupTasks tasks = new GroupTasks(db, clock);
        RedialRule redial = new RedialRule(this::rules, calls.records()::lastDialledSince,
                tasks::abandonedSince, clock);
        this.dialer = new GroupDialer(tasks, calls.taskCalls(), lines, agents, 
                l -> calls.choice().usable(l) && !answersSwitchboard.test(l.id()), seats, guard,
                redial, prompts, clock, wrapUp);
        dialer.resume();
    }

    public GroupDialer dialer() {
        return dialer;
    }

    public RedialRule.Settings rules() {
        return saved.find(RULES_SCOPE).map(s -> Json.MAPPER.convertValue(s.value(), RedialRule.Settings.class))
                .orElse(RedialRule.Settings.DEFAULT);
    }

    public void routes(HttpRouting.Builder r) {
        r.register("/api/group-tasks", new GroupTasksService(dialer));
        r.get("/api/dialing-rules", (req, res) -> Json.ok(res, rules()));
        r.put("/api/dialing-rules", (req, res) -> {
            var b = Json.bodyOrNull(req);
            if (b == null || !b.isObject()) {
                Json.error(res, Status.BAD_REQUEST_400, "body", "must be a JSON object");
                return;
            }
            try {
                RedialRule.Settings s = io.branchline.box.config.ConfigLoader.section(b, RedialRule.Settings.class);
                s.check();
                saved.save(RULES_SCOPE, s, io.branchline.box.access.AccessFilter.viewer(req).actor());
                Json.ok(res, s);
            } catch (io.branchline.box.config.ConfigException e) {
                Json.error(res, Status.BAD_REQUEST_400, e.field().orElse("body"), e.reason());
            } catch (GroupTaskException e) {
                Json.error(res, Status.BAD_REQUEST_400, e.field(), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        dialer.close();
    }
}
