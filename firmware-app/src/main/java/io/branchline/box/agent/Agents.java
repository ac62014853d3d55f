package io.branchline.box.agent;

import io.branchline.box.config.BoxConfig;
import java.util.List;
import java.util.Optional;

/** The office's agents, as the configuration (or the simulate mode) lists them. */
public final class Agents {
    private final List<Agent> all;

    public Agents(List<Agent> all) {
        this.all = List.copyOf(all);
    }

    public static Agents from(List<BoxConfig.Agent> configured) {
        return new Agents(configured.stream().map(a -> new Agent(a.id(), a.name(), a.crmUserId(),
                a.line().isEmpty() ? Optional.empty() : Optional.of(a.line()),
                a.secondLine().isEmpty() ? Optional.empty() : Optional.of(a.secondLine()),
                a.callbackNumber().isEmpty() ? Optional.empty() : Optional.of(a.callbackNumber()))).toList());
    }

    public Optional<Agent> find(String id) {
        return all.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public List<Agent> all() {
        return all;
    }

    /** Whether some agent owns {@code lineId} (their desk phone): such a line is not lent to others. */
    public boolean owned(String lineId) {
        return all.stream().anyMatch(a -> a.lineId().filter(lineId::equals).isPresent()
                || a.secondLineId().filter(lineId::equals).isPresent());
    }
}
