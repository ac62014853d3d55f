package io.branchline.box.store;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema migrations this build carries ({@code db/migration/V<n>__*.sql}), read from the class path
 * without Flyway: a start on a database already at the newest version then loads none of Flyway's 400
 * classes (memory a small box keeps for as long as it runs) and asks nothing of it.
 */
final class Migrations {
    static final String FOLDER = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[^/]+\\.sql");

    private Migrations() {
    }

    /** The newest version among the bundled migrations ("" when there are none). */
    static String newest() {
        return versions().stream().max(Integer::compare).map(String::valueOf).orElse("");
    }

    /**
     * Whether schema {@code version} is later than {@code than}, read as Flyway reads versions: numbers
     * separated by dots or underscores, compared part by part as numbers, trailing zeros not counting
     * ("1.0" is "1"). A version that is not such a list is taken as later than any this box knows.
     */
    static boolean newer(String version, String than) {
        java.math.BigInteger[] a = parts(version);
        java.math.BigInteger[] b = parts(than);
        if (a == null) {
            return true;
        }
        if (b == null) {
            return false;
        }
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int c = (i < a.length ? a[i] : java.math.BigInteger.ZERO).compareTo(i < b.length ? b[i] : java.math.BigInteger.ZERO);
            if (c != 0) {
                return c > 0;
            }
        }
        return false;
    }

    private static final Pattern VERSION = Pattern.compile("\\d{1,40}([._]\\d{1,40}){0,20}");

    private static java.math.BigInteger[] parts(String v) {
        if (v == null || !VERSION.matcher(v).matches()) {
            return null;
        }
        return java.util.Arrays.stream(v.split("[._]")).map(java.math.BigInteger::new)
                .toArray(java.math.BigInteger[]::new);
    }

    static List<Integer> versions() {
        URL folder = Migrations.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            return List.of();
        }
        try {
            List<String> names = switch (folder.getProtocol()) {
                case "jar" -> {
                    var connection = (JarURLConnection) folder.openConnection();
                    connection.setUseCaches(false);
                    try (var jar = connection.getJarFile()) {
                        yield Collections.list(jar.entries()).stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(FOLDER + "/"))
                                .map(n -> n.substring(FOLDER.length() + 1)).toList();
                    }
                }
                case "file" -> {
                    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                        yield files.map(p -> p.getFileName().toString()).toList();
                    }
                }
                default -> throw new StoreException("cannot list the migrations at " + folder, null);
            };
            return names.stream().map(VERSIONED::matcher).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).toList();
        } catch (IOException | URISyntaxException e) {
            throw new StoreException("cannot list the migrations at " + folder + ": " + e.getMessage(), e);
        }
    }
}
