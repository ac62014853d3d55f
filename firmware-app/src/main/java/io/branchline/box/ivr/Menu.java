package io.branchline.box.ivr;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One voice menu of the switchboard (总机, 智能语音导航): the prompt the caller hears, where each key goes,
 * how long to wait for a key and how often to ask again (with their own prompts), and where the caller
 * goes when no key came or only wrong ones (FreePBX's IVR, as the seed's 总机中心 asks for it).
 *
 * @param keys    0-9, * and # to their destinations, in the order given
 * @param timeout seconds to wait for a key, 1 to 60
 * @param retries how often the menu asks again after a timeout or a wrong key, 0 to 5
 */
public record Menu(String id, String name, String prompt, Map<String, Destination> keys, Integer timeout,
                   Integer retries, String timeoutPrompt, String invalidPrompt, Destination fallback) {
    public static final int MAX_KEYS = 12;

    public Menu {
        name = name == null ? "" : name;
        prompt = prompt == null ? "" : prompt;
        keys = keys == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        timeout = timeout == null ? 5 : timeout;
        retries = retries == null ? 2 : retries;
        timeoutPrompt = timeoutPrompt == null ? "" : timeoutPrompt;
        invalidPrompt = invalidPrompt == null ? "" : invalidPrompt;
    }

    /** This menu under another id (the path's, which wins over the body's). */
    public Menu withId(String other) {
        return new Menu(other, name, prompt, keys, timeout, retries, timeoutPrompt, invalidPrompt, fallback);
    }

    /**
     * Where a key (or the fallback) sends the caller: {@code menu} another menu ({@code target} its id),
     * {@code agent} one agent (its id), {@code distribute} the office's agents (the one who last talked to the
     * caller if idle, else a random idle one), {@code extension} dial-by-extension (the caller keys an agent's
     * id and #), {@code queue} a queue ({@code target} its id: the caller waits there for an agent),
     * {@code repeat} this menu again, {@code message} a prompt ({@code target} its id) then the call ends,
     * {@code hangup}.
     */
    public record Destination(String type, String target) {
        public Destination {
            type = type == null ? "" : type;
            target = target == null ? "" : target;
        }

        /** Whether a caller sent here leaves the menus: to agents, a message or the end of the call. */
        @JsonIgnore
        public boolean leaves() {
            return switch (type) {
                case "agent", "distribute", "extension", "queue", "message", "hangup" -> true;
                default -> false;
            };
        }

        @JsonIgnore
        public Optional<String> queue() {
            return type.equals("queue") ? Optional.of(target) : Optional.empty();
        }

        @JsonIgnore
        public Optional<String> menu() {
            return type.equals("menu") ? Optional.of(target) : Optional.empty();
        }
    }
}
