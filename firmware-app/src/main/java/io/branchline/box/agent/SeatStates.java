package io.branchline.box.agent;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents' seat states (示闲 / 示忙 / 小休中: idle, busy, break), as the CRM sets them with agent.state
 * commands. Kept in memory; the heartbeat reports them back.
 */
public final class SeatStates {
    public static final Set<String> STATES = Set.of("idle", "busy", "break");

    private final Map<String, String> states = new ConcurrentHashMap<>();

    public String of(String agent) {
        return states.getOrDefault(agent, "idle");
    }

    /** Sets an agent's state; the caller has checked the agent and the state. */
    public void set(String agent, String state) {
        states.put(agent, state);
        listeners.forEach(Runnable::run);
    }

    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears every change of a seat state. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
