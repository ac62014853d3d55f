package io.branchline.box.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP to the CRM: the box token on every request, the system trust store or the installer's CA file,
 * bounded timeouts, and answers larger than {@value #MAX_ANSWER} bytes refused (a CRM gone wrong must not
 * fill the box's memory).
 *
 * <p>Through {@link HttpURLConnection} (kept-alive connections, one request at a time per caller), not
 * java.net.http: its client sets up TLS and reads the whole system trust store when it is built, even for
 * a CRM on plain HTTP, and keeps a selector thread: about 700 classes and a thread the box holds for life.
 * TLS is set up here on the first HTTPS request. Redirects are not followed, as before.
 */
public final class CrmClient {
    static final int MAX_ANSWER = 1 << 20;
    private static final int CONNECT_MILLIS = 5_000;

    /** An answer: status and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String token;
    private volatile SSLSocketFactory tls;

    public CrmClient(String token, String caFile) {
        this.token = token;
        if (!caFile.isEmpty()) {
            tls = sslContext(Path.of(caFile)).getSocketFactory(); // a CA file that cannot be read fails the start
        }
    }

    public Answer post(URI base, String path, String json, Duration timeout) throws IOException {
        return text(exchange("POST", resolve(base, path), json.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"), timeout, MAX_ANSWER));
    }

    /** A PUT of raw bytes with extra headers (a recording's chunk). */
    public Answer put(URI base, String path, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/octet-stream");
        return text(exchange("PUT", resolve(base, path), body, all, timeout, MAX_ANSWER));
    }

    public Answer get(URI base, String path, Duration timeout) throws IOException {
        return text(exchange("GET", resolve(base, path), null, Map.of(), timeout, MAX_ANSWER));
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
     * arrives and never beyond {@code limit} bytes. Cancelling the future closes the connection, which ends
     * the wait at once.
     */
    public CompletableFuture<Bytes> getAsync(URI base, String path, Duration timeout, int limit) {
        URI uri = resolve(base, path);
        CompletableFuture<Bytes> f = new CompletableFuture<>();
        HttpURLConnection c;
        try {
            c = open("GET", uri, Map.of(), timeout);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
            return f;
        }
        f.whenComplete((r, e) -> {
            if (f.isCancelled()) {
                c.disconnect();
            }
        });
        Thread.startVirtualThread(() -> {
            try {
                f.complete(read(c, limit));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(new CompletionException(e));
            }
        });
        return f;
    }

    private Bytes exchange(String method, URI uri, byte[] body, Map<String, String> headers, Duration timeout,
                           int limit) throws IOException {
        HttpURLConnection c = open(method, uri, headers, timeout);
        if (body != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            } catch (IOException e) {
                c.disconnect();
                throw e;
            }
        }
        return read(c, limit);
    }

    private HttpURLConnection open(String method, URI uri, Map<String, String> headers, Duration timeout)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls());
        }
        c.setConnectTimeout(CONNECT_MILLIS);
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", "Bearer " + token);
        headers.forEach(c::setRequestProperty);
        return c;
    }

    /** The status and at most {@code limit} bytes of the body; the rest is not read (the connection is dropped). */
    private static Bytes read(HttpURLConnection c, int limit) throws IOException {
        try {
            int status = c.getResponseCode();
            InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
            if (body == null) {
                return new Bytes(status, new byte[0], 0, false);
            }
            try (InputStream in = body) {
                byte[] buf = in.readNBytes(limit);
                boolean cut = buf.length == limit && in.read() >= 0;
                if (cut) {
                    c.disconnect(); // not drained: this connection cannot be used again
                }
                return new Bytes(status, buf, buf.length, cut);
            }
        } catch (IOException e) {
            c.disconnect();
            throw e;
        }
    }

    private static Answer text(Bytes b) throws IOException {
        if (b.cut()) {
            throw new IOException("the CRM's answer is larger than " + MAX_ANSWER + " bytes");
        }
        return new Answer(b.status(), new String(b.body(), 0, b.length(), StandardCharsets.UTF_8));
    }

    /** The system trust store's TLS, made on the first HTTPS request, or the installer's CA file's. */
    private SSLSocketFactory tls() {
        SSLSocketFactory f = tls;
        if (f == null) {
            f = HttpsURLConnection.getDefaultSSLSocketFactory();
            tls = f;
        }
        return f;
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
