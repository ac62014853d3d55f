package io.branchline.box.simulate;

import io.branchline.box.groupcall.GroupTask;
import io.branchline.box.groupcall.GroupTasks;
import io.branchline.box.number.NumberSheet;
import java.util.List;

/**
 * The simulate mode's example group-call task (群呼), ready to start: a few customers whose numbers the
 * emulated network answers in different ways (the last digit: 1 talks 10 s, 2 is busy, 3 never answers, 4
 * declines, others talk until hung up), for agents 1001 and 1002 to join. Added once, to a box with no task.
 */
public final class ExampleGroupTask {
    static final String CSV = """
            name,number,customer id
            张先生,13912340101,demo-1
            李女士,13912340102,demo-2
            王先生,13912340105,demo-3
            赵女士,13912340103,demo-4
            陈先生,13912340104,demo-5
            刘女士,13912340106,demo-6
            """;

    private ExampleGroupTask() {
    }

    public static void install(GroupTasks tasks) {
        if (!tasks.list().isEmpty()) {
            return;
        }
        tasks.create(new GroupTask("", "示例群呼（模拟）", "", 1, 10, 1.0, "fixed", List.of("1001", "1002"), "", "", 20),
                NumberSheet.csv(CSV), "simulate");
    }
}
