-- Group-call tasks (群呼助手): a list of numbers the box dials on its own lines, paced, each answered call
-- going to an agent who joined the task. Each number keeps its result; a number is marked as dialling
-- before it is dialled, so that a restart never dials it twice for the same task.
CREATE TABLE group_task (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    name              VARCHAR(64)   NOT NULL,
    starts_at         VARCHAR(32)   NOT NULL,
    concurrency       INTEGER       NOT NULL,
    interval_seconds  INTEGER       NOT NULL,
    ratio             DOUBLE        NOT NULL,
    pacing            VARCHAR(16)   NOT NULL,
    agents            VARCHAR(4000) NOT NULL,
    joined            VARCHAR(4000) NOT NULL,
    opening_prompt    VARCHAR(36)   NOT NULL,
    abandon_prompt    VARCHAR(36)   NOT NULL,
    ring_seconds      INTEGER       NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    created_by        VARCHAR(64)   NOT NULL,
    created_at        VARCHAR(32)   NOT NULL
);

CREATE TABLE group_number (
    task_id      VARCHAR(36)   NOT NULL,
    seq          INTEGER       NOT NULL,
    number       VARCHAR(40)   NOT NULL,
    customer_id  VARCHAR(64)   NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    result       VARCHAR(16)   NOT NULL,
    detail       VARCHAR(300)  NOT NULL,
    call_id      VARCHAR(36),
    agent_id     VARCHAR(64),
    dialled_at   VARCHAR(32),
    answered_at  VARCHAR(32),
    ended_at     VARCHAR(32),
    wait_ms      INTEGER,
    PRIMARY KEY (task_id, seq)
);
CREATE INDEX group_number_pending ON group_number (task_id, result, seq);
-- The abandoned-call lockout (72 h by default) looks numbers up across tasks.
CREATE INDEX group_number_by_number ON group_number (number, result, ended_at);
