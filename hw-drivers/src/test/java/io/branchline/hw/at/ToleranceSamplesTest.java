package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.finals;
import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.branchline.hw.at.parse.Operator;
import io.branchline.hw.at.parse.OwnNumber;
import io.branchline.hw.at.parse.Registration;
import io.branchline.hw.at.parse.Registration.Status;
import io.branchline.hw.at.parse.SimState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shapes of at-samples/tolerance.txt: a solicited answer is told from a URC by what is waiting (the
 * running query, and whether it has had its answer), not by shape alone; text in UCS2 is read as text.
 */
class ToleranceSamplesTest {
    static final AtSamples S = AtSamples.load("tolerance.txt");

    @Test
    void aZeroPaddedRegistrationAnswerIsTheAnswer() {
        List<AtEvent> ev = S.decode("creg-iridium-zero-padded-answer", AtCommands.registration());
        assertEquals(List.of(), urcs(ev), "not taken for a URC because of its padding");
        Registration r = Registration.parseSolicited(infos(ev).get(0));
        assertEquals(2, r.n().getAsInt());
        assertEquals(Status.HOME, r.status());
        assertEquals(0x18D8, r.lac().getAsLong());
        assertEquals(0xFFFF, r.ci().getAsLong());
        assertEquals(FinalResult.Type.OK, finals(ev).get(0).type());
    }

    @Test
    void aUrcInTheAnswersLayoutIsReadWithItsN() {
        Urc u = urcs(S.decode("creg-s8500-urc-in-answer-layout", null)).get(0);
        Registration r = Registration.parseUrc(u.name() + ": " + u.payload());
        assertEquals(Status.HOME, r.status());
        assertEquals(0x000B, r.lac().getAsLong());
        assertEquals(0x2816, r.ci().getAsLong());
        Urc x220 = urcs(S.decode("creg-x220-urc-random-spaces", null)).get(0);
        Registration r2 = Registration.parseUrc(x220.name() + ": " + x220.payload());
        assertEquals(Status.HOME, r2.status());
        assertEquals(0x81ED, r2.lac().getAsLong());
        assertEquals(0x1A9CEB, r2.ci().getAsLong());
    }

    @Test
    void aUrcBeforeTheAnswerStaysAUrc() {
        List<AtEvent> ev = S.decode("creg-urc-before-the-answer", AtCommands.registration());
        Urc u = urcs(ev).get(0);
        Registration urc = Registration.parseUrc(u.name() + ": " + u.payload());
        assertEquals(Status.HOME, urc.status());
        assertEquals(1, urc.lac().getAsLong());
        assertEquals(0x10, urc.ci().getAsLong());
        assertEquals(0, urc.act().getAsInt());
        Registration answer = Registration.parseSolicited(infos(ev).get(0));
        assertEquals(2, answer.n().getAsInt());
        assertEquals(1, answer.lac().getAsLong());
    }

    @Test
    void aSecondRegistrationLineAfterTheAnswerIsAUrcWhateverItsShape() {
        List<AtEvent> ev = S.decode("creg-urc-after-the-answer", AtCommands.registration());
        assertEquals(1, infos(ev).size(), infos(ev).toString());
        assertEquals(0x8BE3, Registration.parseSolicited(infos(ev).get(0)).lac().getAsLong());
        Urc u = urcs(ev).get(0);
        Registration roaming = Registration.parseUrc(u.name() + ": " + u.payload());
        assertEquals(Status.ROAMING, roaming.status());
        assertEquals(0x0502, roaming.lac().getAsLong());
    }

    @Test
    void operatorNamesInUcs2AreText() {
        Operator vodafone = Operator.parse(infos(S.decode("cops-ucs2-operator-name", AtCommands.operator())).get(0));
        assertEquals("Vodafone CZ", vodafone.name().orElseThrow());
        assertEquals(2, vodafone.act().getAsInt());
        Operator cmcc = Operator.parse(infos(S.decode("cops-ucs2-china-mobile", AtCommands.operator())).get(0));
        assertEquals("中国移动", cmcc.name().orElseThrow());
        Operator numeric = Operator.parse(infos(S.decode("cops-numeric-not-decoded", AtCommands.operator())).get(0));
        assertEquals("46000000", numeric.name().orElseThrow(), "a numeric id is never decoded");
    }

    @Test
    void ownNumberInUcs2() {
        List<OwnNumber> n = OwnNumber.parse(infos(S.decode("cnum-ucs2", AtCommands.ownNumber())));
        assertEquals("Vodafone", n.get(0).alpha());
        assertEquals("+8613800138000", n.get(0).number());
        assertEquals(145, n.get(0).type());
    }

    @Test
    void vendorWordsForNoSimAreAbsent() {
        assertEquals(SimState.ABSENT, SimState.parse(infos(S.decode("cpin-vendor-absent", AtCommands.simState()))
                .get(0)));
        assertEquals(SimState.ABSENT, SimState.parse("+CPIN: NO SIM"));
        assertEquals(SimState.READY, SimState.parse("+CPIN:READY"));
        assertEquals(SimState.SIM_PIN2, SimState.parse("+CPIN: SIM PIN2"));
    }

    @Test
    void callNumbersInUcs2AreNumbers() {
        var calls = io.branchline.hw.at.parse.CallEntry.parseList(infos(S.decode("clcc-ucs2-number",
                AtCommands.listCalls())));
        assertEquals("+8613800138000", calls.get(0).number());
        assertEquals(io.branchline.hw.at.parse.CallEntry.State.ALERTING, calls.get(0).state());
        List<Urc> u = urcs(S.decode("clip-ucs2-number", null));
        assertEquals("RING", u.get(0).name());
        Urc clip = u.get(1);
        assertEquals("13900000005", io.branchline.hw.at.parse.CallerId.parseClip(clip.payload()).number());
    }

    @Test
    void anAnswerWithoutItsPrefixIsStillTheAnswer() {
        List<AtEvent> ev = S.decode("cpin-answer-without-prefix", AtCommands.simState());
        assertEquals(List.of(), urcs(ev));
        assertEquals(SimState.READY, SimState.parse(infos(ev).get(0)));
        List<AtEvent> csq = S.decode("csq-answer-with-uncatalogued-urc", AtCommands.signal());
        assertEquals("+ZPASR", urcs(csq).get(0).name());
        assertEquals(17, io.branchline.hw.at.parse.Signal.parseCsq(infos(csq).get(0)).rssi());
    }
}
