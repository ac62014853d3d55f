package io.branchline.box.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Signal;
import io.branchline.hw.modem.LineSnapshot;
import io.branchline.hw.modem.LineState;
import io.branchline.hw.modem.ModemAddress;
import io.branchline.hw.modem.ModemIdentity;
import io.branchline.hw.modem.ModemStatus;
import io.branchline.hw.modem.VendorProfile;
import io.branchline.hw.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenHardwareTest {
    @TempDir
    Path dataDir;

    final ManualScheduler time = new ManualScheduler();

    private LineSnapshot snapshot(String line, String iccid) {
        return new LineSnapshot(line, ModemAddress.usb("1-1.2", 2), "/dev/ttyUSB2", VendorProfile.QUECTEL_EC2X,
                new ModemIdentity("Quectel", "EC25", "R1", "861234567890123", "460001234567890", iccid, "+8613800000001"),
                new ModemStatus(LineState.UP, new Signal(20, 99), Registration.Status.HOME, "CHINA MOBILE", ""),
                time.now(), 0);
    }

    @Test
    void theDatabaseUsesWalAndFullSync() {
        try (Database db = Database.open(dataDir)) {
            String mode = db.with(dsl -> dsl.fetchValue("PRAGMA journal_mode").toString());
            Object sync = db.with(dsl -> dsl.fetchValue("PRAGMA synchronous"));
            assertEquals("wal", mode);
            assertEquals("2", sync.toString()); // FULL
        }
    }

    @Test
    void aModemAndItsSimAreRememberedAcrossRestartsWithFirstAndLastSeen() {
        try (Database db = Database.open(dataDir)) {
            SeenHardware seen = new SeenHardware(db, time.clock());
            seen.record(snapshot("desk-1001", "89860012345678901234"));
            time.advance(Duration.ofHours(1));
            seen.record(snapshot("desk-1002", "89860012345678901234"));
        }
        try (Database db = Database.open(dataDir)) {
            List<SeenHardware.Seen> all = new SeenHardware(db, time.clock()).all();
            assertEquals(2, all.size());
            SeenHardware.Seen modem = all.get(0);
            assertEquals("modem", modem.kind());
            assertEquals("861234567890123", modem.id());
            assertEquals("desk-1002", modem.lineId(), "moved to the other line");
            assertEquals("2026-01-01T00:00:00Z", modem.firstSeen());
            assertEquals("2026-01-01T01:00:00Z", modem.lastSeen());
            SeenHardware.Seen sim = all.get(1);
            assertEquals("89860012345678901234", sim.id());
            assertEquals("+8613800000001", sim.detail());
        }
    }

    @Test
    void aModemWithoutAnImeiIsNotRecorded() {
        try (Database db = Database.open(dataDir)) {
            SeenHardware seen = new SeenHardware(db, time.clock());
            LineSnapshot s = snapshot("x", "");
            seen.record(new LineSnapshot(s.id(), s.address(), s.port(), s.profile(), ModemIdentity.unknown(),
                    s.status(), s.updated(), 0));
            assertEquals(List.of(), seen.all());
        }
    }
}
