package io.branchline.hw.at;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.emulator.EmulatedSim;
import io.branchline.hw.emulator.Flavour;
import io.branchline.hw.emulator.ModemEmulator;
import io.branchline.hw.serial.MemoryLink;
import io.branchline.hw.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against the emulator over an in-memory cable, with time under the test's control. */
class AtEngineTest {
    final ManualScheduler time = new ManualScheduler();
    final ModemEmulator modem = new ModemEmulator(Flavour.QUECTEL_EC25, "861234567890123",
            EmulatedSim.ready("89860012345678901234", "460001234567890", "+8613800000001"));
    final List<Urc> urcs = new CopyOnWriteArrayList<>();
    AtEngine engine;

    @BeforeEach
    void connect() {
        MemoryLink[] cable = MemoryLink.pair("memory:modem");
        modem.attach(cable[1]);
        engine = new AtEngine(cable[0], time.clock());
        engine.onUrc(urcs::add);
    }

    @AfterEach
    void disconnect() {
        engine.close();
        modem.close();
        modem.assertNoViolations();
    }

    @Test
    void aQueryReturnsItsLinesWithoutTheEcho() {
        AtResponse r = engine.execute(AtCommands.signal());
        assertEquals(List.of("+CSQ: 20,99"), r.lines());
        assertTrue(r.isOk());
    }

    @Test
    void aUrcInTheMiddleOfAResponseGoesToTheListenersNotTheResponse() throws Exception {
        modem.injectDuring("AT+CSQ", "+CMTI: \"SM\",3");
        AtResponse r = engine.execute(AtCommands.signal());
        assertEquals(List.of("+CSQ: 20,99"), r.lines());
        waitFor(() -> !urcs.isEmpty());
        assertEquals("+CMTI", urcs.get(0).name());
    }

    @Test
    void ringWithCallerIdArrivesAsUrcs() throws Exception {
        engine.executeOk(AtCommands.callerIdOn());
        modem.ring("13900000000");
        waitFor(() -> urcs.size() >= 2);
        assertEquals("RING", urcs.get(0).name());
        assertEquals("+CLIP", urcs.get(1).name());
    }

    @Test
    void commandsGoOneAtATimeEvenWhenSubmittedTogether() {
        modem.answerDelay(Duration.ofMillis(20));
        CompletableFuture<AtResponse> a = engine.submit(AtCommands.signal());
        CompletableFuture<AtResponse> b = engine.submit(AtCommands.imei());
        CompletableFuture<AtResponse> c = engine.submit(AtCommands.manufacturer());
        assertEquals(List.of("+CSQ: 20,99"), a.join().lines());
        assertEquals(List.of("861234567890123"), b.join().lines());
        assertEquals(List.of("Quectel"), c.join().lines());
        // the emulator's strictness check runs in disconnect()
    }

    @Test
    void theEmulatorCatchesAHostThatDoesNotWaitForTheFinalResult() throws Exception {
        MemoryLink[] cable = MemoryLink.pair("memory:rude");
        ModemEmulator strict = new ModemEmulator(Flavour.GENERIC, "1", EmulatedSim.absent());
        strict.answerDelay(Duration.ofMillis(200));
        strict.attach(cable[1]);
        cable[0].write("AT\rAT+CSQ\r".getBytes(StandardCharsets.US_ASCII));
        waitFor(() -> !strict.violations().isEmpty());
        assertTrue(strict.violations().get(0).contains("AT+CSQ"));
        strict.close();
        cable[0].close();
    }

    @Test
    void aSilentModemTimesOutAfterTheCommandsOwnTimeoutAndIsCounted() throws Exception {
        modem.goSilent(true);
        CompletableFuture<AtResponse> f = engine.submit(AtCommands.signal());
        assertEquals("AT+CSQ", modem.takeCommand(Duration.ofSeconds(2)));
        time.advance(Duration.ofMillis(2999));
        assertFalse(f.isDone());
        time.advance(Duration.ofMillis(1));
        AtException.Timeout t = assertThrows(AtException.Timeout.class, () -> join(f));
        assertTrue(t.getMessage().contains("AT+CSQ"));
        assertEquals(1, engine.consecutiveTimeouts());
        CompletableFuture<AtResponse> g = engine.submit(AtCommands.simState());
        time.advance(Duration.ofSeconds(10));
        assertThrows(AtException.Timeout.class, () -> join(g));
        assertEquals(2, engine.consecutiveTimeouts());
    }

    @Test
    void anAnswerResetsTheTimeoutCount() {
        modem.goSilent(true);
        CompletableFuture<AtResponse> f = engine.submit(AtCommands.ping());
        modem.takeCommand(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(1));
        assertThrows(AtException.Timeout.class, () -> join(f));
        modem.goSilent(false);
        engine.executeOk(AtCommands.ping());
        assertEquals(0, engine.consecutiveTimeouts());
    }

    @Test
    void theEngineNeverResendsACommandOnItsOwn() {
        modem.goSilent(true);
        CompletableFuture<AtResponse> f = engine.submit(AtCommands.dial(new DialString("13900000000")));
        modem.takeCommand(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(91));
        assertThrows(AtException.Timeout.class, () -> join(f));
        assertEquals(List.of(), modem.drainCommands());
        assertFalse(AtCommands.dial(new DialString("1")).repeatable());
    }

    @Test
    void linesSplitAcrossManyReadsAreJoined() {
        modem.splitWrites(1);
        assertEquals(List.of("+CSQ: 20,99"), engine.execute(AtCommands.signal()).lines());
    }

    @Test
    void crOnlyLineEndingsWork() {
        modem.crOnlyLineEndings(true);
        assertEquals(List.of("Quectel"), engine.execute(AtCommands.manufacturer()).lines());
    }

    @Test
    void worksWithEchoOff() {
        engine.executeOk(AtCommands.echoOff());
        assertEquals(List.of("EC25"), engine.execute(AtCommands.model()).lines());
    }

    @Test
    void garbageOnTheLineDoesNotBreakTheNextCommand() throws Exception {
        modem.sendGarbage(new byte[] {(byte) 0xff, 0x13, 'x', '\r', '\n'});
        assertEquals(List.of("+CSQ: 20,99"), engine.execute(AtCommands.signal()).lines());
    }

    @Test
    void aModemErrorIsAFinalResultNotAnException() {
        engine.executeOk(AtCommands.verboseErrors());
        modem.sim().setState(EmulatedSim.State.ABSENT);
        AtResponse r = engine.execute(AtCommands.simState());
        assertEquals(FinalResult.Type.CME_ERROR, r.result().type());
        assertEquals(10, r.result().code());
        assertThrows(AtException.Failed.class, () -> r.requireOk("p"));
    }

    @Test
    void unknownCommandsGetError() {
        AtResponse r = engine.execute(AtCommands.raw("AT+NOSUCH", true));
        assertEquals(FinalResult.Type.ERROR, r.result().type());
    }

    @Test
    void anSmsGoesOutAfterThePrompt() {
        engine.executeOk(AtCommands.smsPduMode());
        AtResponse r = engine.execute(AtCommands.sendSmsPdu("0011000B916131111111F10000AA0141", 15));
        assertTrue(r.isOk(), r.toString());
        assertEquals(List.of("+CMGS: 1"), r.lines());
    }

    @Test
    void aVanishingModemFailsTheWaitingCommandAndTellsTheListeners() throws Exception {
        boolean[] lost = {false};
        engine.onLinkLost(() -> lost[0] = true);
        modem.goSilent(true);
        CompletableFuture<AtResponse> f = engine.submit(AtCommands.signal());
        modem.takeCommand(Duration.ofSeconds(2));
        modem.vanish();
        assertThrows(AtException.LinkLost.class, () -> join(f));
        waitFor(() -> lost[0]);
        assertFalse(engine.isAlive());
        assertThrows(AtException.LinkLost.class, () -> engine.execute(AtCommands.ping()));
    }

    @Test
    void anSmsDeliveredToTheModemIsAnnouncedAndCanBeListedAndDecoded() throws Exception {
        String pdu = "07912374151616F6040B912374786468F30000201003024550400B54C29E2E1F8300A0800B";
        engine.executeOk(AtCommands.newSmsIndications()); // 27.005 3.4.1: announced only when asked for
        engine.executeOk(AtCommands.smsPduMode()); // and listed by status number in PDU mode only
        int index = modem.deliverSms(pdu);
        waitFor(() -> urcs.stream().anyMatch(u -> u.is("+CMTI")));
        assertEquals("\"SM\"," + index, urcs.get(0).payload());
        var listed = io.branchline.hw.at.parse.StoredSms.parseList(engine.executeOk(AtCommands.listSms()));
        assertEquals(1, listed.size());
        assertEquals(pdu, listed.get(0).pdu());
        assertEquals("+32478746863", listed.get(0).decode().sender());
    }

    @Test
    void aScriptedAnswerWinsOverTheModel() {
        modem.respond("AT+CSQ", "\r\n+CSQ: 3,0\r\n\r\nOK\r\n");
        assertEquals(List.of("+CSQ: 3,0"), engine.execute(AtCommands.signal()).lines());
    }

    @Test
    void huaweiSaysCommandNotSupportWhichIsAnError() throws Exception {
        MemoryLink[] cable = MemoryLink.pair("memory:huawei");
        ModemEmulator huawei = new ModemEmulator(Flavour.HUAWEI_E1550, "1", EmulatedSim.absent());
        huawei.attach(cable[1]);
        try (AtEngine e = new AtEngine(cable[0], time.clock())) {
            AtResponse r = e.execute(AtCommands.raw("AT+QPCMV=1,0", true));
            assertEquals(FinalResult.Type.ERROR, r.result().type());
            assertEquals("COMMAND NOT SUPPORT", r.result().text());
        }
        huawei.close();
    }

    @Test
    void closingStopsTheReaderThread() throws Exception {
        engine.close();
        waitFor(() -> !engine.readerAlive());
    }

    static AtResponse join(CompletableFuture<AtResponse> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 3 s");
            }
            Thread.sleep(2);
        }
    }
}
