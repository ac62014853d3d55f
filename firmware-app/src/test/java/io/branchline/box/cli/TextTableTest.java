package io.branchline.box.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables a terminal shows right: Chinese names take two columns, and data never moves the cursor. */
class TextTableTest {
    @Test
    void chineseNamesLineUpWithLatinOnes() {
        String t = TextTable.render(List.of(new String[] {"agent", "name", "line"},
                new String[] {"1001", "坐席1001", "desk-1001"}, new String[] {"1002", "Li", "desk-1002"}));
        List<Integer> lineColumn = t.lines().map(l -> TerminalText.width(l.substring(0, l.indexOf("line") >= 0
                ? l.indexOf("line") : l.indexOf("desk")))).toList();
        assertEquals(1, lineColumn.stream().distinct().count(), "the third column starts at one place:\n" + t);
    }

    @Test
    void controlCharactersFromDataAreShownNotSent() {
        String t = TextTable.render(List.<String[]>of(new String[] {"number"},
                new String[] {"139\u001b[2J\r\n0000"}));
        assertFalse(t.contains("\u001b") || t.contains("\r"), t);
        assertEquals("number\n139\\x1B[2J\\x0D\\x0A0000\n", t);
    }
}
