package io.branchline.box.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.box.Box;
import io.branchline.box.SimulatedBox;
import io.branchline.box.call.CallRequestException;
import io.branchline.box.call.CallView;
import io.branchline.box.config.ConfigLoader;
import io.branchline.box.simulate.SimulatedHardware;
import io.branchline.hw.modem.LineState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 5-SIM desk phone of the simulate mode (desk-1001: five SIMs rotating every 3 calls) and desk-1002
 * set up here with a dial prefix and a blocking call-rate warning of 2 calls an hour.
 */
class DeskPhoneTest {
    @TempDir
    static Path dataDir;

    static Box box;

    @BeforeAll
    static void start() {
        var config = ConfigLoader.parse("""
                modems:
                  - id: desk-1002
                    usb-path: "1-1.4"
                    usb-interface: 0
                    prefix: "17951"
                    hook-pin: 6
                    frequent-call-warning:
                      calls: 2
                      minutes: 60
                      block: true
                """, "test.yaml");
        // The modems are reached over real ptys (socat, jSerialComm), as on the box.
        box = SimulatedBox.startOverPtys(config, dataDir, dataDir);
    }

    @AfterAll
    static void stop() {
        box.close();
    }

    static void await(String what, java.util.function.BooleanSupplier cond) {
        SimulatedBox.await(what, cond);
    }

    static CallView ended(CallView placed) {
        await("ended", () -> box.calls().records().find(placed.id()).isPresent()
                && box.calls().active().stream().noneMatch(c -> c.id().equals(placed.id())));
        return box.calls().records().find(placed.id()).orElseThrow();
    }

    @Test
    void theDeskPhoneMovesToItsNextSimEveryThreeCalls() {
        List<String> sims = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sims.add(ended(box.calls().start("1001", "13900000002", "", "direct")).simNumber());
        }
        assertEquals(List.of("13800001001", "13800001001", "13800001001", "13800002001", "13800002001",
                "13800002001", "13800003001"), sims);
        assertEquals(3, box.sims().of("desk-1001").orElseThrow().currentSlot());
    }

    @Test
    void thePrefixIsDialledInFrontAndTheThirdCallWithinTheHourIsBlocked() {
        CallView first = ended(box.calls().start("1002", "13900000002", "", "direct"));
        assertEquals("1795113900000002", first.numberDialed());
        assertEquals("13900000002", first.numberGiven());
        ended(box.calls().start("1002", "13900000002", "", "direct"));
        CallRequestException blocked = assertThrows(CallRequestException.class,
                () -> box.calls().start("1002", "13900000002", "", "direct"));
        assertTrue(blocked.conflict());
        assertTrue(blocked.getMessage().contains("frequent-call warning"), blocked.getMessage());
        assertEquals("line", blocked.field(), "the line's SIM is over its rate, not the agent");
        FrequentCallWarnings.Warning w = box.warnings().recent().get(0);
        assertEquals("desk-1002", w.lineId());
        assertEquals(3, w.calls());
        assertTrue(w.blocked());
    }

    @Test
    void puttingTheHandsetDownEndsTheCall() {
        CallView placed = box.calls().start("1001", "13900000005", "", "direct");
        await("answered", () -> box.calls().get(placed.id()).map(v -> v.state().equals("active")).orElse(false));
        var gpio = box.simulated().orElseThrow().gpio();
        gpio.drive(SimulatedHardware.HOOK_1001, false); // lifted
        await("settled", () -> true);
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gpio.drive(SimulatedHardware.HOOK_1001, true); // put down
        CallView v = ended(placed);
        assertEquals("normal", v.endCause());
        assertEquals("hung up by the box", v.detail());
    }

    @Test
    void theAnswerToACallNamesTheSimTheRotationWillDialOn() {
        // desk-1001 moves to its next SIM every 3 calls: 4 calls in a row cross a move at least once.
        for (int i = 0; i < 4; i++) {
            CallView answer = box.calls().start("1001", "13900000002", "", "direct");
            CallView record = ended(answer);
            assertEquals(record.simIccid(), answer.simIccid(), "call " + i + ": the 201 named the SIM dialled on");
            assertEquals(record.numberDialed(), answer.numberDialed());
        }
    }
}
