package io.branchline.hw.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's SIPp (package sip-tester) as the GoIP's SIP side: a scenario written to a file, run as a process
 * on loopback, its exit code 0 when every call of the scenario went as scripted.
 */
final class Sipp implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/sipp");
    private final Process process;
    private final Path dir;

    private Sipp(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code scenario} (the XML) toward {@code target} from local port {@code port}, with more arguments. */
    static Sipp run(String scenario, String target, int port, String... more) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("SIPp is missing: apt-get install sip-tester (scripts/test installs it)");
        }
        Path dir = Files.createTempDirectory("sipp");
        Path xml = dir.resolve("scenario.xml");
        Files.writeString(xml, scenario);
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-sf", xml.toString(), "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
                "-trace_err", "-trace_msg"));
        cmd.addAll(List.of(more));
        if (target != null) {
            cmd.add(target);
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        return new Sipp(p, dir);
    }

    /** Waits for SIPp to finish; its exit code (0: every call as scripted). */
    int await() throws InterruptedException {
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** SIPp's message trace and errors, for a failing test's message. */
    String trace() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                String t = Files.readString(f);
                sb.append("== ").append(f.getFileName()).append('\n')
                        .append(t.length() > 6000 ? t.substring(t.length() - 6000) : t);
            }
        } catch (IOException e) {
            sb.append(e);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
