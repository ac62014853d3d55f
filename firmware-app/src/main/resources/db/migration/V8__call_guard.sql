-- The call guard (电销卫士): risk numbers join the blacklist in one table of number lists, and the guard's
-- switches and forced dials are kept. A risk number is intercepted unless the agent forces the call; with
-- forced-dial approval on, a number force-dialled 3 times needs an admin's approval before the next.
CREATE TABLE number_list (
    list        VARCHAR(16)  NOT NULL,
    number      VARCHAR(32)  NOT NULL,
    reason      VARCHAR(128) NOT NULL,
    source      VARCHAR(16)  NOT NULL,
    added_at    VARCHAR(32)  NOT NULL,
    PRIMARY KEY (list, number)
);

INSERT INTO number_list (list, number, reason, source, added_at)
    SELECT 'blacklist', number, reason, source, added_at FROM blacklist;

DROP TABLE blacklist;

CREATE TABLE guard_setting (
    name        VARCHAR(32)  NOT NULL PRIMARY KEY,
    value       VARCHAR(16)  NOT NULL
);

CREATE TABLE forced_dial (
    seq         INTEGER      NOT NULL PRIMARY KEY,
    number      VARCHAR(32)  NOT NULL,
    agent_id    VARCHAR(32)  NOT NULL,
    at          VARCHAR(32)  NOT NULL
);

CREATE INDEX forced_dial_by_number ON forced_dial (number, seq);

-- An admin's approval resets a number's count of forced dials.
CREATE TABLE forced_dial_approval (
    number      VARCHAR(32)  NOT NULL PRIMARY KEY,
    after_seq   INTEGER      NOT NULL,
    approved_at VARCHAR(32)  NOT NULL,
    approved_by VARCHAR(32)  NOT NULL
);
