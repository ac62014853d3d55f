package io.branchline.box.prompt;

import static io.branchline.box.store.schema.Tables.OPENING_MESSAGE;
import static io.branchline.box.store.schema.Tables.PROMPT;

import io.branchline.box.store.Database;
import io.branchline.box.store.TimeText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The prompts: stored as 8 kHz mono PCM in {@code prompts/}, the opening messages (人机互动) among them, and
 * which one opens the calls of each agent or line. The manual allows 5 MP3 files for the openings; the
 * switchboard's menus, messages and hold audio need more, so the box keeps up to 30. The manual: choose one as the
 * opening message; the agent takes over with F2.
 */
public final class Prompts {
    public static final int MAX_PROMPTS = 30;

    private final Database db;
    private final Path dir;
    private final Clock clock;
    private final Predicate<String> agentExists;
    private final Predicate<String> lineExists;

    public Prompts(Database db, Path dataDir, Clock clock, Predicate<String> agentExists, Predicate<String> lineExists) {
        this.db = db;
        this.dir = dataDir.resolve("prompts");
        this.clock = clock;
        this.agentExists = agentExists;
        this.lineExists = lineExists;
    }

    public record Prompt(String id, String name, String sourceName, long millis, String createdAt) {
    }

    /** Who a prompt opens calls for: {@code scope} is "agent" or "line". */
    public record Choice(String scope, String target, String promptId) {
    }

    public List<Prompt> list() {
        return db.with(dsl -> dsl.selectFrom(PROMPT).orderBy(PROMPT.CREATED_AT).fetch(r -> new Prompt(r.getId(),
                r.getName(), r.getSourceName(), r.getMillis(), r.getCreatedAt())));
    }

    /** Decodes and stores an upload; a sixth prompt, a file that is not audio, or one too long changes nothing. */
    public synchronized Prompt add(String name, String sourceName, byte[] file) {
        String n = name == null || name.isBlank() ? stripExtension(sourceName) : name.strip();
        if (n.isEmpty() || n.length() > 64 || n.chars().anyMatch(Character::isISOControl)) {
            throw PromptException.invalid("name", "must be 1 to 64 characters without control characters");
        }
        if (list().size() >= MAX_PROMPTS) {
            throw PromptException.conflict("file", "there are already " + MAX_PROMPTS
                    + " prompts; delete one before uploading another");
        }
        byte[] pcm = PromptDecoder.decode(file);
        Prompt p = new Prompt(UUID.randomUUID().toString(), n, sourceName == null ? "" : sourceName,
                PromptDecoder.millis(pcm), TimeText.of(clock.instant()));
        writeDurably(dir.resolve(p.id() + ".pcm"), pcm);
        db.with(dsl -> dsl.insertInto(PROMPT).set(PROMPT.ID, p.id()).set(PROMPT.NAME, p.name())
                .set(PROMPT.SOURCE_NAME, p.sourceName()).set(PROMPT.MILLIS, p.millis())
                .set(PROMPT.CREATED_AT, p.createdAt()).execute());
        return p;
    }

    /** Who else plays a prompt (a switchboard menu, a queue's hold audio): such a prompt is not deleted. */
    public void usedBy(java.util.function.Function<String, Optional<String>> users) {
        this.users = users;
    }

    private volatile java.util.function.Function<String, Optional<String>> users = id -> Optional.empty();

    /** Deletes a prompt nothing but opening-message choices uses; false when there is none of that id. */
    public synchronized boolean delete(String id) {
        Optional<String> user = users.apply(id);
        if (user.isPresent()) {
            throw PromptException.conflict("id", user.get() + " plays this prompt; change that first");
        }
        boolean removed = db.with(dsl -> {
            dsl.deleteFrom(OPENING_MESSAGE).where(OPENING_MESSAGE.PROMPT_ID.eq(id)).execute();
            return dsl.deleteFrom(PROMPT).where(PROMPT.ID.eq(id)).execute() > 0;
        });
        if (removed) {
            try {
                Files.deleteIfExists(dir.resolve(id + ".pcm"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return removed;
    }

    public Optional<byte[]> pcm(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        try {
            Path f = dir.resolve(id + ".pcm");
            return Files.exists(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code promptId} the opening message of an agent or a line; a null prompt removes the choice. */
    public void choose(String scope, String target, String promptId) {
        if (!scope.equals("agent") && !scope.equals("line")) {
            throw PromptException.invalid("scope", "must be \"agent\" or \"line\"");
        }
        if (target == null || !(scope.equals("agent") ? agentExists : lineExists).test(target)) {
            throw PromptException.conflict(scope, "no " + scope + " \"" + target + "\"");
        }
        if (promptId != null && list().stream().noneMatch(p -> p.id().equals(promptId))) {
            throw PromptException.conflict("prompt", "no prompt \"" + promptId + "\"");
        }
        db.with(dsl -> {
            dsl.deleteFrom(OPENING_MESSAGE).where(OPENING_MESSAGE.SCOPE.eq(scope).and(OPENING_MESSAGE.TARGET.eq(target)))
                    .execute();
            if (promptId != null) {
                dsl.insertInto(OPENING_MESSAGE).set(OPENING_MESSAGE.SCOPE, scope).set(OPENING_MESSAGE.TARGET, target)
                        .set(OPENING_MESSAGE.PROMPT_ID, promptId).execute();
            }
            return null;
        });
    }

    public List<Choice> choices() {
        return db.with(dsl -> dsl.selectFrom(OPENING_MESSAGE).orderBy(OPENING_MESSAGE.SCOPE, OPENING_MESSAGE.TARGET)
                .fetch(r -> new Choice(r.getScope(), r.getTarget(), r.getPromptId())));
    }

    /** The opening message of a call by this agent on this line: the agent's choice, else the line's. */
    public Optional<byte[]> openingFor(String agentId, String lineId) {
        List<Choice> all = choices();
        return all.stream().filter(c -> c.scope().equals("agent") && c.target().equals(agentId)).findFirst()
                .or(() -> all.stream().filter(c -> c.scope().equals("line") && c.target().equals(lineId)).findFirst())
                .flatMap(c -> pcm(c.promptId()));
    }

    private static String stripExtension(String s) {
        if (s == null) {
            return "";
        }
        int dot = s.lastIndexOf('.');
        return (dot > 0 ? s.substring(0, dot) : s).strip();
    }

    private static void writeDurably(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the prompt: " + e.getMessage(), e);
        }
    }
}
