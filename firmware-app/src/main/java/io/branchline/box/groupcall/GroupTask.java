package io.branchline.box.groupcall;

import io.branchline.box.store.StoredText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A group-call task (群呼任务) as an admin sets it: its name, when it may start, the lines it may hold at once
 * (并发, the purchased channels), how often it sends numbers (呼叫频率) and how many per joined agent (呼叫比率),
 * or the box's adaptive pacing; the agents who may join it; the opening message an answered customer hears
 * while an agent is found, and the short message (naming the company) a customer hears when no agent is free,
 * before the box hangs up. The numbers come with the task (or are added to it); see {@link GroupTasks}.
 *
 * @param pacing      fixed (the seeds' ratio), adaptive (the box's, abandoned calls kept under 3 %), progressive
 * @param ringSeconds how long a number rings before the box gives up, 15 (the regulators' minimum) to 60
 */
public record GroupTask(String id, String name, String startsAt, Integer concurrency, Integer intervalSeconds,
                        Double ratio, String pacing, List<String> agents, String openingPrompt,
                        String abandonPrompt, Integer ringSeconds) {
    public static final List<String> PACINGS = List.of("fixed", "adaptive", "progressive");
    public static final int MAX_CONCURRENCY = 64;
    public static final int MAX_AGENTS = 200;
    public static final int MAX_NAME = 64;

    public GroupTask {
        id = id == null ? "" : id;
        name = name == null ? "" : name.strip();
        startsAt = startsAt == null ? "" : startsAt.strip();
        pacing = pacing == null ? "fixed" : pacing;
        agents = agents == null ? List.of() : List.copyOf(agents);
        openingPrompt = openingPrompt == null ? "" : openingPrompt;
        abandonPrompt = abandonPrompt == null ? "" : abandonPrompt;
        ringSeconds = ringSeconds == null ? 25 : ringSeconds;
        intervalSeconds = intervalSeconds == null ? 10 : intervalSeconds;
        ratio = ratio == null ? 1.0 : ratio;
    }

    /** Refuses what cannot run, naming the field: the seeds' fields first, then the box's own. */
    void check() {
        try {
            if (StoredText.check("name", name, MAX_NAME).isEmpty()) {
                throw new GroupTaskException("name", "a name is needed");
            }
            StoredText.check("agents", String.join("", agents), 64 * MAX_AGENTS);
        } catch (IllegalArgumentException e) {
            throw new GroupTaskException(e.getMessage().startsWith("agents") ? "agents" : "name", e.getMessage());
        }
        if (concurrency == null || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new GroupTaskException("concurrency", "must be 1 to " + MAX_CONCURRENCY + " lines");
        }
        if (intervalSeconds < 1 || intervalSeconds > 3600) {
            throw new GroupTaskException("intervalSeconds", "must be 1 to 3600 seconds");
        }
        if (!(ratio > 0) || ratio > 100 || ratio.isNaN()) {
            throw new GroupTaskException("ratio", "must be above 0 (and at most 100)");
        }
        if (!PACINGS.contains(pacing)) {
            throw new GroupTaskException("pacing", "must be one of " + String.join(", ", PACINGS));
        }
        if (agents.isEmpty()) {
            throw new GroupTaskException("agents", "name at least one agent who may join the task");
        }
        if (agents.size() > MAX_AGENTS || agents.stream().distinct().count() != agents.size()) {
            throw new GroupTaskException("agents", "at most " + MAX_AGENTS + " agents, each once");
        }
        if (ringSeconds < 15 || ringSeconds > 60) {
            throw new GroupTaskException("ringSeconds", "must be 15 to 60 seconds: a number rings at least 15 s");
        }
        if (!startsAt.isEmpty()) {
            try {
                Instant.parse(startsAt);
            } catch (DateTimeParseException e) {
                throw new GroupTaskException("startsAt", "must be a time such as 2026-12-02T09:00:00Z");
            }
        }
    }

    GroupTask withId(String other) {
        return new GroupTask(other, name, startsAt, concurrency, intervalSeconds, ratio, pacing, agents,
                openingPrompt, abandonPrompt, ringSeconds);
    }
}
