package io.branchline.box.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Flyway runs in a class loader of its own, and nothing of it is kept once the migrations have run. */
class MigrationToolTest {
    @TempDir
    Path dir;

    private SQLiteDataSource db() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        return ds;
    }

    @Test
    void theMigratorLivesInItsOwnLoaderWhichIsLetGoAfterwards() throws Exception {
        // As in the packaged box: the application's loader cannot see Flyway; only the tool's own loader reads its jar.
        URL flywayJar = org.flywaydb.core.Flyway.class.getProtectionDomain().getCodeSource().getLocation();
        WeakReference<ClassLoader> loader = MigrationTool.with(new WithoutFlyway(getClass().getClassLoader()),
                new URL[] {flywayJar}, m -> {
            assertNotSame(MigrationToolTest.class.getClassLoader(), m.getClass().getClassLoader());
            assertEquals("", m.current(db(), "classpath:" + Migrations.FOLDER), "an empty database has no version");
            assertEquals(Migrations.versions().size(), m.pending(db(), "classpath:" + Migrations.FOLDER));
            SchemaMigrator.Result r = m.migrate(db(), "classpath:" + Migrations.FOLDER);
            assertEquals(Migrations.versions().size(), r.applied());
            assertEquals(Migrations.newest(), r.version());
            assertEquals(0, m.pending(db(), "classpath:" + Migrations.FOLDER));
            try {
                assertTrue(m.getClass().getClassLoader().loadClass("org.flywaydb.core.Flyway").getClassLoader()
                        == m.getClass().getClassLoader(), "Flyway itself comes from the tool's loader");
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            return new WeakReference<>(m.getClass().getClassLoader());
        });
        long until = System.nanoTime() + 10_000_000_000L;
        while (loader.get() != null && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loader.get(), "the migration tool's loader is unreachable once the work is done");
        assertEquals(Migrations.newest(), Database.schemaVersionOf(dir.resolve("t.db")));
    }

    /** The application's loader as the packaged box has it: Flyway is not on its class path. */
    private static final class WithoutFlyway extends ClassLoader {
        WithoutFlyway(ClassLoader app) {
            super(app);
        }

        private static boolean flyway(String name) {
            return name.startsWith("org.flywaydb.") || name.startsWith("org/flywaydb/") || name.contains("org.flywaydb");
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (flyway(name)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return flyway(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (flyway(name)) {
                return Collections.emptyEnumeration();
            }
            List<URL> kept = new ArrayList<>();
            for (URL u : Collections.list(super.getResources(name))) {
                if (!u.toString().contains("flyway-core")) {
                    kept.add(u);
                }
            }
            return Collections.enumeration(kept);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsTheMigrationWithItsReason() {
        SQLiteDataSource broken = new SQLiteDataSource() {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                throw new java.sql.SQLException("disk on fire");
            }
        };
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> MigrationTool.with(m -> m.migrate(broken, "classpath:" + Migrations.FOLDER)));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t.getMessage()).append(" / ");
        }
        assertTrue(chain.toString().contains("disk on fire"), chain.toString());
    }

    @Test
    void versionsCompareAsFlywayReadsThem() {
        assertTrue(Migrations.newer("20", "19"));
        assertTrue(Migrations.newer("19.1", "19"));
        assertTrue(Migrations.newer("100", "99"), "numbers, not text");
        assertFalse(Migrations.newer("19.0", "19"), "a trailing zero does not count");
        assertFalse(Migrations.newer("19", "19_0"));
        assertFalse(Migrations.newer("9", "18"));
        assertTrue(Migrations.newer("1" + "0".repeat(30), "99999999999999999999"), "beyond a long");
        assertTrue(Migrations.newer("not-a-version", "18"), "unreadable: newer than any this box knows");
        assertTrue(Migrations.newer("", "18"));
        assertFalse(Migrations.newer("18", "garbage"));
    }
}
