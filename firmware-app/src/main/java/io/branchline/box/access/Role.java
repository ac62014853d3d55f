package io.branchline.box.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The roles of the box's accounts, after the seed manual's 员工管理 (8.1): who may do what is in
 * {@link RouteRules}; what data they see is their {@link Viewer.Scope}.
 */
public enum Role {
    /** 安装员: everything, hardware and CRM settings included. */
    INSTALLER("安装员"),
    /** 管理员: the office: agents, line rules, prompts, the guard, dialing, the records of everyone. */
    ADMIN("管理员"),
    /** 主管: the live state and the records of their team's agents; listens to their recordings. */
    SUPERVISOR("主管"),
    /** 坐席: their own records and their own seat state. */
    AGENT("坐席");

    private final String chinese;

    Role(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** The name in the API, the CLI and the database: installer, admin, supervisor, agent. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** By its key; the error names the field and the four roles. */
    public static Role of(String field, String key) {
        for (Role r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        throw new AccessException(field, "must be one of " + keys() + ", not \"" + key + "\"");
    }

    public static String keys() {
        return Arrays.stream(values()).map(Role::key).collect(Collectors.joining(", "));
    }

    /** 隐号 by default: agents see customer numbers masked unless the installer says otherwise. */
    public boolean maskedByDefault() {
        return this == AGENT;
    }
}
