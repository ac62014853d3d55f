package io.branchline.box.ivr;

import io.branchline.box.store.StoredText;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks where a key, a menu's fallback or a queue's overflow sends a caller: a kind the switchboard knows,
 * and its target there (the menu, the queue, the agent, the prompt of a message), so that what is saved
 * can always be followed.
 */
final class Destinations {
    private final Predicate<String> promptExists;
    private final Predicate<String> agentExists;

    Destinations(Predicate<String> promptExists, Predicate<String> agentExists) {
        this.promptExists = promptExists;
        this.agentExists = agentExists;
    }

    boolean agentExists(String id) {
        return agentExists.test(id);
    }

    /** Refuses {@code d} at {@code field} unless it is one of {@code kinds} with a target that is there. */
    void check(String field, Menu.Destination d, List<String> kinds, Predicate<String> menuExists,
               Predicate<String> queueExists) {
        if (d == null || !kinds.contains(d.type())) {
            throw MenuException.invalid(field, "one of " + String.join(", ", kinds));
        }
        String target = StoredText.printable(d.target());
        switch (d.type()) {
            case "menu" -> {
                if (!menuExists.test(d.target())) {
                    throw MenuException.invalid(field, "no menu \"" + target + "\"");
                }
            }
            case "queue" -> {
                if (!queueExists.test(d.target())) {
                    throw MenuException.invalid(field, "no queue \"" + target + "\"");
                }
            }
            case "agent" -> {
                if (!agentExists.test(d.target())) {
                    throw MenuException.invalid(field, "no agent \"" + target + "\"");
                }
            }
            case "message" -> {
                if (d.target().isEmpty() || !promptExists.test(d.target())) {
                    throw MenuException.invalid(field, "no prompt \"" + target + "\"");
                }
            }
            default -> {
                if (!d.target().isEmpty()) {
                    throw MenuException.invalid(field, d.type() + " takes no target");
                }
            }
        }
    }

    /** A prompt chosen at {@code field}: there, or empty where that is allowed. */
    void prompt(String field, String id, boolean required) {
        if (id.isEmpty()) {
            if (required) {
                throw MenuException.invalid(field, "choose the prompt the caller hears (upload it under prompts)");
            }
            return;
        }
        if (!promptExists.test(id)) {
            throw MenuException.invalid(field, "no prompt \"" + StoredText.printable(id) + "\"");
        }
    }
}
