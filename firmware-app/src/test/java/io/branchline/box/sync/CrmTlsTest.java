package io.branchline.box.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to the CRM: a private CA the installer names with crm.ca-file is trusted; without it, it is not. */
class CrmTlsTest {
    @TempDir
    Path dir;

    private void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    @Test
    void theConfiguredCaIsTrustedAndAnUnknownOneIsNot() throws Exception {
        Path ks = dir.resolve("crm.p12");
        Path pem = dir.resolve("crm-ca.pem");
        keytool("-genkeypair", "-alias", "crm", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "crm", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(ks.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/crm/v1/boxes/b/heartbeat", ex -> {
            byte[] body = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/crm");
            CrmClient trusting = new CrmClient("tls-token-1", pem.toString());
            assertEquals(200, trusting.post(base, "/v1/boxes/b/heartbeat", "{\"v\":1}", Duration.ofSeconds(5)).status());
            CrmClient systemTrustOnly = new CrmClient("tls-token-1", "");
            assertThrows(IOException.class,
                    () -> systemTrustOnly.post(base, "/v1/boxes/b/heartbeat", "{\"v\":1}", Duration.ofSeconds(5)));
        } finally {
            server.stop(0);
        }
    }
}
