package io.branchline.hw.audio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The DTMF detector's figures (scripts/bench-dtmf.sh): the share of valid keys heard over many random ones
 * (level -30 to 0 dBm0, twist -3 to +7 dB, frequencies within 1.5 %, 40 to 80 ms, white noise at 20 to
 * 30 dB S/N and, apart, at 15 to 20 dB, all through G.711 µ-law), false keys per hour of real speech (Debian's codec2-examples, four ways),
 * and what it costs per 20 ms frame (median of runs). Goals (issue "Inbound"): hit rate ≥ 99.5 %, fewer than
 * one false key an hour.
 */
public final class DtmfBench {
    private DtmfBench() {
    }

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        hitRate(keys, 20, 30);
        hitRate(keys, 15, 20);

        List<byte[]> speech = DtmfDetectorTest.speech();
        long samples = 0;
        int falses = 0;
        for (byte[] pcm : speech) {
            for (byte[] variant : List.of(pcm, DtmfSignal.muLaw(pcm), DtmfSignal.gain(pcm, -10), DtmfSignal.gain(pcm, 6))) {
                samples += variant.length / 2;
                falses += DtmfSignal.heard(variant).length();
            }
        }
        double hours = samples / 8000.0 / 3600;
        System.out.printf("DTMF talk-off: %d false keys in %.1f min of speech (%.2f an hour)%n", falses, hours * 60,
                falses / hours);

        byte[] all = speech.get(0);
        List<Double> perFrame = new ArrayList<>();
        for (int run = 0; run < 15; run++) {
            DtmfDetector d = new DtmfDetector(k -> { });
            long t0 = System.nanoTime();
            int frames = 0;
            for (int i = 0; i + Pcm.FRAME_BYTES <= all.length; i += Pcm.FRAME_BYTES) {
                d.frame(java.util.Arrays.copyOfRange(all, i, i + Pcm.FRAME_BYTES));
                frames++;
            }
            perFrame.add((System.nanoTime() - t0) / 1000.0 / frames);
        }
        Collections.sort(perFrame);
        System.out.printf("DTMF cost: median %.1f µs of CPU per 20 ms frame (%.3f %% of one core per line)%n",
                perFrame.get(perFrame.size() / 2), perFrame.get(perFrame.size() / 2) / 200.0);
    }

    /** Random valid keys under white noise between {@code snrLow} and {@code snrHigh} dB, through µ-law. */
    private static void hitRate(int keys, double snrLow, double snrHigh) {
        Random r = new Random(2026);
        int heard = 0;
        int wrong = 0;
        int batch = 100;
        for (int done = 0; done < keys; done += batch) {
            DtmfSignal s = new DtmfSignal(r.nextLong());
            StringBuilder sent = new StringBuilder();
            double level = -30 + r.nextDouble() * 30;
            for (int i = 0; i < batch; i++) {
                char k = DtmfSignal.KEYS.charAt(r.nextInt(16));
                sent.append(k);
                s.key(k, 40 + r.nextInt(41), level, -3 + r.nextDouble() * 10, (r.nextDouble() - 0.5) * 0.03,
                        (r.nextDouble() - 0.5) * 0.03).silence(50 + r.nextInt(30));
            }
            double snr = snrLow + r.nextDouble() * (snrHigh - snrLow);
            String got = DtmfSignal.heard(DtmfSignal.muLaw(DtmfSignal.withNoise(s.pcm(), level, snr, r.nextLong())));
            heard += common(sent.toString(), got);
            wrong += Math.max(0, got.length() - common(sent.toString(), got));
        }
        System.out.printf("DTMF hit rate at S/N %.0f-%.0f dB: %d of %d keys heard (%.2f %%), %d extra or wrong%n",
                snrLow, snrHigh, heard, keys, 100.0 * heard / keys, wrong);
    }

    /** How many of {@code sent}'s keys {@code got} has, in order (the longest common subsequence). */
    private static int common(String sent, String got) {
        int[][] t = new int[sent.length() + 1][got.length() + 1];
        for (int i = 1; i <= sent.length(); i++) {
            for (int j = 1; j <= got.length(); j++) {
                t[i][j] = sent.charAt(i - 1) == got.charAt(j - 1) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[sent.length()][got.length()];
    }
}
