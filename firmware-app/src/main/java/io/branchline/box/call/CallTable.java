package io.branchline.box.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls up now, from the moment a request gets its lines until the call's record is written, and the
 * lines each one holds: a line held by a call is busy for every other.
 */
public final class CallTable {
    private final Map<String, Call> live = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    void add(Call call) {
        live.put(call.id, call);
        changed();
    }

    void remove(Call call) {
        live.remove(call.id);
        changed();
    }

    /** Hears every call that starts or ends, and every change of a call's state. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    void changed() {
        listeners.forEach(Runnable::run);
    }

    public Optional<Call> get(String id) {
        return Optional.ofNullable(live.get(id));
    }

    public boolean contains(String id) {
        return live.containsKey(id);
    }

    /** Whether some call holds this line. */
    public boolean busy(String lineId) {
        return live.values().stream().anyMatch(c -> c.holds.contains(lineId));
    }

    /** The calls that hold this line (a callback call holds two). */
    public List<Call> holding(String lineId) {
        return live.values().stream().filter(c -> c.holds.contains(lineId)).toList();
    }

    /** How many calls are up on the SIM with this ICCID. */
    public int liveOn(String iccid) {
        return (int) live.values().stream().filter(c -> iccid.equals(c.view().simIccid())).count();
    }

    List<Call> all() {
        return List.copyOf(live.values());
    }

    public List<CallView> views() {
        return live.values().stream().map(Call::view).toList();
    }
}
