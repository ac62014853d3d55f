package io.branchline.hw.at.parse;

import java.util.OptionalInt;

/**
 * Huawei ^SYSINFO: {@code srv_status,srv_domain,roam,sys_mode,sim_state[,lock[,sys_submode]]}.
 * sim_state 1 is a valid SIM, 255 none.
 */
public record SystemInfo(int serviceStatus, int serviceDomain, boolean roaming, int sysMode, int simState,
                         OptionalInt lock, OptionalInt subMode) {

    public static SystemInfo parse(String line) {
        AtFields f = AtFields.of(line, "^SYSINFO:");
        return new SystemInfo(f.requireInt(0, "srv_status"), f.requireInt(1, "srv_domain"),
                f.requireInt(2, "roam") == 1, f.requireInt(3, "sys_mode"), f.requireInt(4, "sim_state"),
                f.integer(5), f.integer(6));
    }
}
