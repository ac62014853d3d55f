package io.branchline.hw.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a test scripts into an emulated modem, as MockWebServer is scripted: exact answers to commands ahead of
 * the model, and URCs to put in the middle of the next answer to a command.
 */
final class ScriptedAnswers {
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> injections = new ConcurrentHashMap<>();

    void answer(String command, String reply) {
        answers.put(command.toUpperCase(Locale.ROOT), reply);
    }

    Optional<String> answerTo(String command) {
        return Optional.ofNullable(answers.get(command.toUpperCase(Locale.ROOT)));
    }

    void inject(String commandPrefix, String urc) {
        injections.computeIfAbsent(commandPrefix.toUpperCase(Locale.ROOT), k -> new ConcurrentLinkedQueue<>()).add(urc);
    }

    /** The next URC queued for a command starting like {@code command}, taken. */
    Optional<String> injectionFor(String command) {
        String upper = command.toUpperCase(Locale.ROOT);
        for (Map.Entry<String, Queue<String>> e : injections.entrySet()) {
            if (upper.startsWith(e.getKey())) {
                String urc = e.getValue().poll();
                if (urc != null) {
                    return Optional.of(urc);
                }
            }
        }
        return Optional.empty();
    }
}
