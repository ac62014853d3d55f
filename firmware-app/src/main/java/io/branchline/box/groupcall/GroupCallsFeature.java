package io.branchline.box.groupcall;

import io.branchline.box.agent.Agents;
import io.branchline.box.agent.SeatStates;
import io.branchline.box.call.CallsFeature;
import io.branchline.box.guard.CallGuard;
import io.branchline.box.line.LineRegistry;
import io.branchline.box.store.Database;
import io.branchline.box.store.SavedSettings;
import io.branchline.box.web.SettingsRoutes;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Group calling (群呼助手) put together: the tasks' store, the re-dial rules (saved from the page or the API),
 * and the dialer, which picks up the tasks that were running when the box stopped. A task dials on lines
 * nobody owns that do not answer the switchboard (a switchboard line stays free for callers), and not on a
 * SIM that rests (SIM protection).
 * {@code /api/group-tasks}, {@code /api/dialing-rules}.
 */
public final class GroupCallsFeature implements AutoCloseable {
    static final String RULES_SCOPE = "dialing-rules";

    private final GroupDialer dialer;
    private final SavedSettings saved;
    private final RedialRule redial;

    public GroupCallsFeature(Database db, SavedSettings saved, Clock clock, CallsFeature calls, LineRegistry lines,
                             Agents agents, SeatStates seats, CallGuard guard,
                             Function<String, Optional<byte[]>> prompts, Duration wrapUp,
                             java.util.function.Predicate<String> answersSwitchboard) {
        this.saved = saved;
        GroupTasks tasks = new GroupTasks(db, clock);
        this.redial = new RedialRule(this::rules, calls.records()::lastDialledSince,
                tasks::abandonedSince, clock);
        this.dialer = new GroupDialer(tasks, calls.taskCalls(), lines, agents, 
                l -> calls.choice().usable(l) && !answersSwitchboard.test(l.id()) && !calls.onRestingSim(l), seats, guard,
                redial, prompts, clock, wrapUp);
        dialer.resume();
    }

    /** The re-dial restriction and the abandoned-call lockout, which list dialing keeps too. */
    public RedialRule redial() {
        return redial;
    }

    /**
     * The CRM's commands for tasks: {@code group.start} / {@code group.pause} {task}, {@code group.join} /
     * {@code group.leave} {task, agent}.
     */
    public void commands(io.branchline.box.sync.SyncFeature sync) {
        sync.take("group.start", args -> crm(() -> dialer.start(args.path("task").asText(""))));
        sync.take("group.pause", args -> crm(() -> dialer.pause(args.path("task").asText(""))));
        sync.take("group.join", args -> crm(() -> dialer.join(args.path("task").asText(""),
                args.path("agent").asText(""))));
        sync.take("group.leave", args -> crm(() -> dialer.leave(args.path("task").asText(""),
                args.path("agent").asText(""))));
    }

    /** A task's state as the CRM gets it; a refusal as "field: reason". */
    private static Object crm(java.util.function.Supplier<GroupTasks.Stored> run) {
        try {
            GroupTasks.Stored s = run.get();
            return java.util.Map.of("task", s.task().id(), "state", s.state(), "joined", s.joined());
        } catch (GroupTaskException e) {
            throw new IllegalArgumentException((e.field().equals("id") ? "task" : e.field()) + ": " + e.getMessage());
        }
    }

    public GroupDialer dialer() {
        return dialer;
    }

    public RedialRule.Settings rules() {
        return SettingsRoutes.load(saved, RULES_SCOPE, RedialRule.Settings.class, RedialRule.Settings.DEFAULT);
    }

    public void routes(HttpRouting.Builder r) {
        r.register("/api/group-tasks", new GroupTasksService(dialer));
        SettingsRoutes.serve(r, "/api/dialing-rules", saved, RULES_SCOPE, RedialRule.Settings.class,
                RedialRule.Settings.DEFAULT, RedialRule.Settings::check);
    }

    @Override
    public void close() {
        dialer.close();
    }
}
