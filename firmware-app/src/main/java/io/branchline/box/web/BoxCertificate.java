package io.branchline.box.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The admin page's HTTPS certificate: the installer's own PKCS#12 file when the configuration names one,
 * else one made for this box at its first start ({@code tls/box.p12} in the data folder, an EC P-256 key,
 * ten years, named for the box's address), with its random password beside it, readable by the box's user
 * only. Its SHA-256 fingerprint is printed so that the first visit's browser warning can be checked.
 * Made with the JDK's own keytool, so no other library is needed.
 */
public final class BoxCertificate {
    private final SSLContext context;
    private final String fingerprint;
    private final Path file;

    private BoxCertificate(SSLContext context, String fingerprint, Path file) {
        this.context = context;
        this.fingerprint = fingerprint;
        this.file = file;
    }

    /**
     * The configured keystore ({@code keystore} and {@code passwordFile} both set), or this box's own, made
     * now when it does not exist yet.
     */
    public static BoxCertificate load(Path dataDir, String keystore, String passwordFile, String host) {
        Path store;
        Path pass;
        if (keystore != null && !keystore.isEmpty()) {
            store = Path.of(keystore);
            pass = Path.of(passwordFile);
        } else {
            store = dataDir.resolve("tls").resolve("box.p12");
            pass = dataDir.resolve("tls").resolve("box.p12.password");
            if (!Files.exists(store)) {
                make(store, pass, host);
            }
        }
        try {
            char[] password = Files.readString(pass, StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            X509Certificate cert = firstCertificate(ks);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            String fp = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(cert.getEncoded()));
            return new BoxCertificate(ctx, fp, store);
        } catch (IOException e) {
            throw new io.branchline.box.config.ConfigException("http.https: cannot read the keystore " + store
                    + " or its password-file " + pass + " (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new io.branchline.box.config.ConfigException("http.https: the keystore " + store + " cannot be"
                    + " used (" + e.getMessage() + "): is its password-file right?", e);
        }
    }

    private static X509Certificate firstCertificate(KeyStore ks) throws GeneralSecurityException {
        Enumeration<String> aliases = ks.aliases();
        while (aliases.hasMoreElements()) {
            String a = aliases.nextElement();
            if (ks.isKeyEntry(a) && ks.getCertificate(a) instanceof X509Certificate c) {
                return c;
            }
        }
        throw new GeneralSecurityException("it holds no private key with a certificate");
    }

    private static void make(Path store, Path pass, String host) {
        try {
            Files.createDirectories(store.getParent());
            String password = io.branchline.box.access.Passwords.oneTime() + io.branchline.box.access.Passwords.oneTime();
            Files.deleteIfExists(pass);
            try {
                Files.createFile(pass, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(pass);
            }
            Files.writeString(pass, password + "\n", StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                    .toString(), "-genkeypair", "-alias", "branchline", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-validity", "3650", "-dname", "CN=" + name(host) + ", O=Branchline",
                    "-ext", "SAN=" + subjectNames(host), "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass:file", pass.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool could not make the box's certificate: " + out.strip());
            }
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the box's HTTPS certificate in " + store.getParent() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the box's certificate", e);
        }
    }

    private static String name(String host) {
        return isAnyAddress(host) ? "branchline" : host;
    }

    /** The addresses the page is reached at: the configured one, and this machine's name and loopback. */
    private static String subjectNames(String host) {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        try {
            String local = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            if (local.matches("[a-z0-9.-]{1,253}")) {
                names.add("dns:" + local);
            }
        } catch (IOException e) {
            // no name for this machine: the addresses will do
        }
        if (!isAnyAddress(host) && !host.equals("127.0.0.1") && !host.equals("localhost")) {
            names.add((host.matches("[0-9.]+") || host.contains(":") ? "ip:" : "dns:") + host);
        }
        return String.join(",", names);
    }

    private static boolean isAnyAddress(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
    }

    public SSLContext context() {
        return context;
    }

    /** SHA-256 of the certificate, as browsers show it. */
    public String fingerprint() {
        return fingerprint;
    }

    public Path file() {
        return file;
    }
}
