package io.branchline.box.store;

import static io.branchline.box.store.schema.Tables.MODEM;
import static io.branchline.box.store.schema.Tables.SIM;

import io.branchline.hw.modem.LineSnapshot;
import java.time.Clock;
import java.util.List;

/**
 * Remembers every modem (by IMEI) and SIM (by ICCID) the box has seen, which line it was on and when:
 * the installer's answer to "which card was in which modem last week".
 */
public final class SeenHardware {
    /** One row of what was seen, for the API and the CLI. */
    public record Seen(String kind, String id, String lineId, String detail, String firstSeen, String lastSeen) {
    }

    private final Database db;
    private final Clock clock;

    public SeenHardware(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records the modem and SIM of a line snapshot; a snapshot without an IMEI records nothing. */
    public void record(LineSnapshot s) {
        var id = s.identity();
        if (id.imei().isEmpty()) {
            return;
        }
        String now = clock.instant().toString();
        var address = s.address();
        db.with(dsl -> {
            dsl.insertInto(MODEM)
                    .set(MODEM.IMEI, id.imei()).set(MODEM.LINE_ID, s.id())
                    .set(MODEM.MANUFACTURER, id.manufacturer()).set(MODEM.MODEL, id.model())
                    .set(MODEM.REVISION, id.revision()).set(MODEM.VENDOR_PROFILE, s.profile().name())
                    .set(MODEM.PORT, s.port()).set(MODEM.USB_PATH, address.usbPath())
                    .set(MODEM.USB_INTERFACE, address.usbInterface())
                    .set(MODEM.FIRST_SEEN, now).set(MODEM.LAST_SEEN, now)
                    .onConflict(MODEM.IMEI).doUpdate()
                    .set(MODEM.LINE_ID, s.id()).set(MODEM.MANUFACTURER, id.manufacturer())
                    .set(MODEM.MODEL, id.model()).set(MODEM.REVISION, id.revision())
                    .set(MODEM.VENDOR_PROFILE, s.profile().name()).set(MODEM.PORT, s.port())
                    .set(MODEM.USB_PATH, address.usbPath()).set(MODEM.USB_INTERFACE, address.usbInterface())
                    .set(MODEM.LAST_SEEN, now)
                    .execute();
            if (!id.iccid().isEmpty()) {
                dsl.insertInto(SIM)
                        .set(SIM.ICCID, id.iccid()).set(SIM.IMSI, id.imsi()).set(SIM.OWN_NUMBER, id.ownNumber())
                        .set(SIM.OPERATOR, s.status().operator()).set(SIM.LINE_ID, s.id())
                        .set(SIM.MODEM_IMEI, id.imei()).set(SIM.FIRST_SEEN, now).set(SIM.LAST_SEEN, now)
                        .onConflict(SIM.ICCID).doUpdate()
                        .set(SIM.IMSI, id.imsi()).set(SIM.OWN_NUMBER, id.ownNumber())
                        .set(SIM.OPERATOR, s.status().operator()).set(SIM.LINE_ID, s.id())
                        .set(SIM.MODEM_IMEI, id.imei()).set(SIM.LAST_SEEN, now)
                        .execute();
            }
            return null;
        });
    }

    public List<Seen> all() {
        return db.with(dsl -> {
            List<Seen> out = new java.util.ArrayList<>();
            dsl.selectFrom(MODEM).orderBy(MODEM.FIRST_SEEN).forEach(r -> out.add(new Seen("modem", r.getImei(),
                    r.getLineId(), r.getManufacturer() + " " + r.getModel(), r.getFirstSeen(), r.getLastSeen())));
            dsl.selectFrom(SIM).orderBy(SIM.FIRST_SEEN).forEach(r -> out.add(new Seen("sim", r.getIccid(),
                    r.getLineId(), r.getOwnNumber().isEmpty() ? r.getImsi() : r.getOwnNumber(), r.getFirstSeen(),
                    r.getLastSeen())));
            return out;
        });
    }
}
