package io.branchline.box.sync;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP to the CRM: the box token on every request, the system trust store or the installer's CA file,
 * bounded timeouts, and answers larger than {@value #MAX_ANSWER} bytes refused (a CRM gone wrong must not
 * fill the box's memory).
 */
public final class CrmClient {
    static final int MAX_ANSWER = 1 << 20;

    /** An answer: status and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final String token;

    public CrmClient(String token, String caFile) {
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (!caFile.isEmpty()) {
            b.sslContext(sslContext(Path.of(caFile)));
        }
        this.http = b.build();
    }

    public Answer post(URI base, String path, String json, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(resolve(base, path)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A PUT of raw bytes with extra headers (a recording's chunk). */
    public Answer put(URI base, String path, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(base, path)).timeout(timeout)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b);
    }

    public Answer get(URI base, String path, Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(resolve(base, path)).timeout(timeout).GET());
    }

    /**
     * An answer read up to a limit: the first {@code length} bytes of {@code body}, and whether there was
     * more (then cut at the limit, and never held whole in memory).
     */
    public record Bytes(int status, byte[] body, int length, boolean cut) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * A GET that can be abandoned (the command long-poll, when the box moves to another server), read as it
     * arrives and never beyond {@code limit} bytes.
     */
    public java.util.concurrent.CompletableFuture<Bytes> getAsync(URI base, String path, Duration timeout, int limit) {
        HttpRequest req = HttpRequest.newBuilder(resolve(base, path)).timeout(timeout).GET()
                .header("Authorization", "Bearer " + token).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream()).thenApplyAsync(r -> {
            try (InputStream in = r.body()) {
                byte[] buf = in.readNBytes(limit);
                boolean cut = buf.length == limit && in.read() >= 0;
                return new Bytes(r.statusCode(), buf, buf.length, cut);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, Thread::startVirtualThread);
    }

    private Answer send(HttpRequest.Builder b) throws IOException {
        try {
            HttpResponse<InputStream> r = http.send(b.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(MAX_ANSWER + 1);
                if (body.length > MAX_ANSWER) {
                    throw new IOException("the CRM's answer is larger than " + MAX_ANSWER + " bytes");
                }
                return new Answer(r.statusCode(), new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) + path : b + path);
    }

    private static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("crm.ca-file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
