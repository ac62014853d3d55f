package io.branchline.hw.at;

import static io.branchline.hw.at.AtSamples.infos;
import static io.branchline.hw.at.AtSamples.urcs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.branchline.hw.at.parse.CallEntry;
import io.branchline.hw.at.parse.CallEntry.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClccSamplesTest {
    static final AtSamples S = AtSamples.load("clcc.txt");

    @Test
    void everyCaseHasATest() {
        S.assertEveryCaseHasATest(getClass());
    }

    private static List<CallEntry> listed(String name) {
        return CallEntry.parseList(infos(S.decode(name, AtCommands.listCalls())));
    }

    @Test
    void clcc_mm_empty() {
        assertEquals(List.of(), listed("clcc-mm-empty"));
    }

    @Test
    void clcc_mm_single_long_empty_priority() {
        CallEntry c = listed("clcc-mm-single-long-empty-priority").get(0);
        assertEquals(1, c.index());
        assertTrue(c.incoming());
        assertEquals(State.INCOMING, c.state());
        assertEquals(0, c.mode());
        assertEquals("123456789", c.number());
        assertEquals(129, c.type().getAsInt());
        assertEquals("", c.alpha());
    }

    @Test
    void clcc_dongle_empty_number() {
        CallEntry c = listed("clcc-dongle-empty-number").get(0);
        assertEquals(State.INCOMING, c.state());
        assertEquals("", c.number());
        assertEquals(145, c.type().getAsInt());
    }

    @Test
    void clcc_dongle_non_digit_number() {
        assertEquals("+7913913ABCA", listed("clcc-dongle-non-digit-number").get(0).number());
    }

    @Test
    void clcc_simtech_urc_single() {
        List<Urc> u = urcs(S.decode("clcc-simtech-urc-single", null));
        CallEntry c = CallEntry.parse("+CLCC: " + u.get(0).payload());
        assertEquals(State.ACTIVE, c.state());
        assertTrue(c.incoming());
        assertEquals("123456789", c.number());
        assertEquals(161, c.type().getAsInt());
    }

    @Test
    void clcc_simtech_urc_between_other_urcs() {
        List<Urc> u = urcs(S.decode("clcc-simtech-urc-between-other-urcs", null));
        assertEquals(List.of("^CIEV", "+CLCC", "+CLCC", "^CIEV"), u.stream().map(Urc::name).toList());
        CallEntry first = CallEntry.parse("+CLCC: " + u.get(1).payload());
        CallEntry second = CallEntry.parse("+CLCC: " + u.get(2).payload());
        assertEquals(State.ACTIVE, first.state());
        assertEquals("123456789", first.number());
        assertEquals(2, second.index());
        assertEquals(State.WAITING, second.state());
        assertEquals("987654321", second.number());
    }
}
