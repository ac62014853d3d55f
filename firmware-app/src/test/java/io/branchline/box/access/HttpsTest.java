package io.branchline.box.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Box;
import io.branchline.box.BoxApi;
import io.branchline.box.SimulatedBox;
import io.branchline.box.config.BoxConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin page over HTTPS with the box's own certificate, made at the first start and kept: the session
 * cookie becomes {@code __Host-} and Secure, and plain HTTP stays on loopback for the CLI.
 */
class HttpsTest {
    @TempDir
    Path dataDir;

    static BoxConfig https() {
        return new BoxConfig(null, new BoxConfig.Http("127.0.0.1", 0, 30, new BoxConfig.Https(0, null, null)), null,
                null, null, null, null, null, null, null);
    }

    /** A client that trusts exactly the certificate in the box's keystore, as a browser told to trust it. */
    HttpClient trusting(Path store, Path passwordFile) throws Exception {
        char[] password = Files.readString(passwordFile).strip().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("box", ks.getCertificate("branchline"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).build();
    }

    @Test
    void thePageIsServedOverHttpsWithTheBoxsOwnCertificateAndSecureCookies() throws Exception {
        String fingerprint;
        try (Box box = SimulatedBox.start(https(), dataDir, false)) {
            Path store = dataDir.resolve("tls/box.p12");
            Path pass = dataDir.resolve("tls/box.p12.password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pass)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
            HttpClient browser = trusting(store, pass);
            int port = box.httpsPort().orElseThrow();
            HttpResponse<String> health = browser.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> in = browser.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/api/session")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"name\":\"demo\",\"password\":\"" + box.demoPassword().orElseThrow() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, in.statusCode(), in.body());
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("__Host-branchline-session=") && cookie.contains("; Secure")
                    && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            HttpResponse<String> cli = HttpClient.newHttpClient().send(BoxApi.request(box, "/api/lines").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, cli.statusCode(), "the CLI keeps plain HTTP on loopback");
            fingerprint = fingerprint(store, pass);
        }
        try (Box again = SimulatedBox.start(https(), dataDir, false)) {
            assertEquals(fingerprint, fingerprint(dataDir.resolve("tls/box.p12"), dataDir.resolve("tls/box.p12.password")),
                    "the box keeps its certificate across restarts");
        }
    }

    @Test
    void theInstallerCanBringTheirOwnCertificate() throws Exception {
        Path own = dataDir.resolve("office.p12");
        Path pass = dataDir.resolve("office.pass");
        Files.writeString(pass, "office-secret\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "branchline", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=box.office.lan", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", own.toString(),
                "-storepass", "office-secret").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        BoxConfig config = new BoxConfig(null, new BoxConfig.Http("127.0.0.1", 0, 30, new BoxConfig.Https(0,
                own.toString(), pass.toString())), null, null, null, null, null, null, null, null);
        try (Box box = SimulatedBox.start(config, dataDir, false)) {
            HttpResponse<String> health = trusting(own, pass).send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + box.httpsPort().orElseThrow() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(Files.notExists(dataDir.resolve("tls/box.p12")), "no certificate of its own was made");
        }
    }

    @Test
    void aKeystoreThatCannotBeReadIsAConfigurationErrorNamingTheField() throws Exception {
        Path pass = dataDir.resolve("office.pass");
        Files.writeString(pass, "wrong\n");
        Path notAKeystore = dataDir.resolve("office.p12");
        Files.writeString(notAKeystore, "this is not a PKCS#12 file");
        BoxConfig config = new BoxConfig(null, new BoxConfig.Http("127.0.0.1", 0, 30, new BoxConfig.Https(0,
                notAKeystore.toString(), pass.toString())), null, null, null, null, null, null, null, null);
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.branchline.box.config.ConfigException.class,
                () -> SimulatedBox.start(config, dataDir, false));
        assertTrue(e.getMessage().startsWith("http.https:"), e.getMessage());
        try (Box box = SimulatedBox.start(BoxConfig.empty(), dataDir, false)) {
            assertTrue(box.port() > 0, "what the failed start took was given back (the data folder's lock too)");
        }
    }

    static String fingerprint(Path store, Path pass) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, Files.readString(pass).strip().toCharArray());
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ks.getCertificate("branchline")
                .getEncoded()));
    }
}
