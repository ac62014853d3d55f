-- List dialing (轮呼): each agent's own list, independent of the others, dialled one number after another
-- on the agent's line; each entry keeps what came of it. A number is marked as dialling before it is dialled.
CREATE TABLE dial_list_entry (
    agent_id     VARCHAR(64)   NOT NULL,
    seq          INTEGER       NOT NULL,
    number       VARCHAR(40)   NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    customer_id  VARCHAR(64)   NOT NULL,
    result       VARCHAR(16)   NOT NULL,
    detail       VARCHAR(300)  NOT NULL,
    call_id      VARCHAR(36),
    dialled_at   VARCHAR(32),
    ended_at     VARCHAR(32),
    PRIMARY KEY (agent_id, seq)
);

CREATE TABLE dial_list_state (
    agent_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    state              VARCHAR(16)  NOT NULL,
    auto_next_seconds  INTEGER      NOT NULL,
    changed_at         VARCHAR(32)  NOT NULL
);
