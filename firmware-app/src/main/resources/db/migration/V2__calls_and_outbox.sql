-- One row per call attempt, written when the call has ended, in the same transaction as its outbox row
-- for the CRM. Times are ISO-8601 UTC text; durations in milliseconds.

CREATE TABLE call_record (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    agent_id        VARCHAR(32)  NOT NULL,
    line_id         VARCHAR(64)  NOT NULL,
    sim_iccid       VARCHAR(24)  NOT NULL,
    sim_number      VARCHAR(32)  NOT NULL,
    number_given    VARCHAR(64)  NOT NULL,
    number_dialed   VARCHAR(64)  NOT NULL,
    mode            VARCHAR(16)  NOT NULL,
    customer_id     VARCHAR(64)  NOT NULL,
    started_at      VARCHAR(32)  NOT NULL,
    answered_at     VARCHAR(32),
    ended_at        VARCHAR(32)  NOT NULL,
    wait_ms         BIGINT       NOT NULL,
    talk_ms         BIGINT       NOT NULL,
    end_cause       VARCHAR(16)  NOT NULL,
    detail          VARCHAR(256) NOT NULL,
    has_recording   INTEGER      NOT NULL
);

CREATE INDEX call_by_start ON call_record (started_at);
CREATE INDEX call_by_agent ON call_record (agent_id, started_at);

-- What the box owes the CRM, oldest first. The key makes a resend harmless.
CREATE TABLE outbox (
    seq             INTEGER      NOT NULL PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL,
    idempotency_key VARCHAR(80)  NOT NULL UNIQUE,
    payload         TEXT         NOT NULL,
    created_at      VARCHAR(32)  NOT NULL,
    sent_at         VARCHAR(32)
);
