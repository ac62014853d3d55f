-- Text messages the box sends (API, CLI, CRM). A row is written before its first part goes to a modem and
-- moves queued -> sending -> sent -> delivered (or blocked, failed, unknown): a row found "sending" at start
-- may have gone out, so it becomes "unknown" and is never sent again. request_id is the caller's own key:
-- the same request twice is one message.
CREATE TABLE sms_out (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    request_id  VARCHAR(80)  UNIQUE,
    line_id     VARCHAR(64)  NOT NULL DEFAULT '',
    number      VARCHAR(40)  NOT NULL,
    text        TEXT         NOT NULL,
    parts       INTEGER      NOT NULL,
    encoding    VARCHAR(8)   NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    detail      TEXT         NOT NULL DEFAULT '',
    source      VARCHAR(16)  NOT NULL,
    created_at  VARCHAR(32)  NOT NULL,
    sent_at     VARCHAR(32),
    done_at     VARCHAR(32)
);
CREATE INDEX sms_out_state ON sms_out (state, created_at);

-- Each part the modem took, with the message reference its status report comes back under.
CREATE TABLE sms_out_part (
    sms_id      VARCHAR(36)  NOT NULL REFERENCES sms_out (id),
    part        INTEGER      NOT NULL,
    line_id     VARCHAR(64)  NOT NULL,
    reference   INTEGER      NOT NULL,
    status      INTEGER,
    reported_at VARCHAR(32),
    PRIMARY KEY (sms_id, part)
);
CREATE INDEX sms_out_part_reference ON sms_out_part (line_id, reference);
