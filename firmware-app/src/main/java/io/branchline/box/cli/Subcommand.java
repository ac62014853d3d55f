package io.branchline.box.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The words after a command's options for the list-and-name commands (user, token): {@code list} (also
 * when none is given), or one of the {@code named} subcommands and exactly one name.
 */
record Subcommand(String word, String name) {
    static Optional<Subcommand> of(List<String> args, Set<String> named) {
        String word = args.isEmpty() ? "list" : args.get(0);
        if (named.contains(word)) {
            return args.size() == 2 ? Optional.of(new Subcommand(word, args.get(1))) : Optional.empty();
        }
        return word.equals("list") && args.size() <= 1 ? Optional.of(new Subcommand("list", null)) : Optional.empty();
    }
}
