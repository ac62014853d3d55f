package io.branchline.box.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Flyway in a class loader of its own, for the few seconds a migration takes. Flyway is a provided dependency,
 * so the packaged box's jar leaves {@code lib/flyway-core-*.jar} off its Class-Path: this loader reads it, defines the box's own
 * {@code store.flyway} classes itself (so that they see that Flyway, not the application's loader), and is
 * closed when the work is done. A box runs for months and migrates once per upgrade; Flyway's classes would
 * otherwise hold about 4 MB of a Pi's memory for all that time. Where Flyway is on the class path anyway
 * (the tests), the parent's is used and the loader only keeps the box's classes apart.
 */
final class MigrationTool extends URLClassLoader {
    private static final String OWN = "io.branchline.box.store.flyway.";
    private static final String IMPLEMENTATION = OWN + "FlywayMigrator";

    private MigrationTool(URL[] jars, ClassLoader parent) {
        super("flyway", jars, parent);
    }

    /** Runs {@code work} with a migrator whose classes are all let go afterwards. */
    static <T> T with(Function<SchemaMigrator, T> work) {
        return with(MigrationTool.class.getClassLoader(), flywayJars(), work);
    }

    /** As {@link #with(Function)}, over a given parent and Flyway's jars (a test's, without Flyway in the parent). */
    static <T> T with(ClassLoader parent, URL[] flyway, Function<SchemaMigrator, T> work) {
        try (MigrationTool loader = new MigrationTool(flyway, parent)) {
            SchemaMigrator migrator = (SchemaMigrator) loader.loadClass(IMPLEMENTATION).getConstructor().newInstance();
            return work.apply(migrator);
        } catch (ReflectiveOperationException e) {
            throw new StoreException("cannot load the migration tool: " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // Flyway reads its configuration with the application's Jackson, whose shared type cache would
            // otherwise keep Flyway's classes, and through them this loader, for good.
            com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance().clearCache();
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(OWN)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] b = in.readAllBytes();
                    c = defineClass(name, b, 0, b.length, MigrationTool.class.getProtectionDomain());
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** The Flyway jars beside the box's jar ({@code lib/}), when the application's class path lacks them. */
    static URL[] flywayJars() {
        if (MigrationTool.class.getClassLoader().getResource("org/flywaydb/core/Flyway.class") != null) {
            return new URL[0];
        }
        try {
            Path self = Path.of(MigrationTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = self.resolveSibling("lib");
            try (Stream<Path> jars = Files.list(lib)) {
                URL[] found = jars.filter(p -> p.getFileName().toString().startsWith("flyway-")
                        && p.getFileName().toString().endsWith(".jar")).sorted().map(MigrationTool::url)
                        .toArray(URL[]::new);
                if (found.length == 0) {
                    throw new StoreException("no flyway-*.jar in " + lib + ": the box's files are incomplete", null);
                }
                return found;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot find the migration tool's jars: " + e.getMessage(), e);
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
