package io.branchline.hw.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The raw bytes that crossed one port, both ways, in order, with a timestamp per chunk: what an installer
 * attaches to a bug report and what a test replays into the decoder. Keeps the last {@code capacity}
 * chunks in memory and, when given a file, appends every chunk there as one line:
 * {@code <epoch-millis> <in|out> "<C-escaped bytes>"}.
 */
public final class WireLog {
    public enum Direction { IN, OUT }

    public record Chunk(long epochMillis, Direction direction, byte[] bytes) {
        public String line() {
            return epochMillis + " " + direction.name().toLowerCase() + " \"" + CEscape.escape(bytes) + "\"";
        }
    }

    private final Clock clock;
    private final int capacity;
    private final Deque<Chunk> recent = new ArrayDeque<>();
    private final Writer file;
    private final SecretMask in = new SecretMask();
    private final SecretMask out = new SecretMask();

    public WireLog(Clock clock, int capacity, Path file) {
        this.clock = clock;
        this.capacity = capacity;
        try {
            this.file = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open wire log " + file, e);
        }
    }

    public static WireLog inMemory(Clock clock) {
        return new WireLog(clock, 4096, null);
    }

    /** Keeps a chunk, a SIM's PIN or password masked (see {@link SecretMask}) before it is stored anywhere. */
    public synchronized void record(Direction direction, byte[] bytes, int len) {
        byte[] copy = (direction == Direction.IN ? in : out).apply(bytes, len);
        Chunk chunk = new Chunk(clock.millis(), direction, copy);
        recent.addLast(chunk);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        if (file != null) {
            try {
                file.write(chunk.line());
                file.write('\n');
                file.flush();
            } catch (IOException e) {
                // A full disk must not take the modem down with it; the in-memory log still has the bytes.
            }
        }
    }

    public synchronized List<Chunk> chunks() {
        return new ArrayList<>(recent);
    }

    /** Parses a log file back into chunks, for replaying a field capture into the decoder. */
    public static List<Chunk> read(Path path) throws IOException {
        List<Chunk> out = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
            String[] parts = line.split(" ", 3);
            if (parts.length < 3 || parts[2].length() < 2) {
                continue;
            }
            String quoted = parts[2];
            out.add(new Chunk(Long.parseLong(parts[0]), Direction.valueOf(parts[1].toUpperCase()),
                    CEscape.unescape(quoted.substring(1, quoted.length() - 1))));
        }
        return out;
    }

    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing a log on shutdown: nothing left to save
            }
        }
    }
}
