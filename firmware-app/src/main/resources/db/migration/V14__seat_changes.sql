-- Every seat-state change of an agent (示闲 / 示忙 / 小休中), kept: who set it, through what, why (a break's
-- reason) and when. The newest row per agent is its state after a restart; the rows give the day's time in
-- each state.
CREATE TABLE seat_change (
    seq         INTEGER      NOT NULL PRIMARY KEY,
    agent_id    VARCHAR(32)  NOT NULL,
    state       VARCHAR(8)   NOT NULL,
    reason      VARCHAR(64)  NOT NULL,
    changed_by  VARCHAR(64)  NOT NULL,
    via         VARCHAR(8)   NOT NULL,
    at          VARCHAR(32)  NOT NULL
);

CREATE INDEX seat_change_by_agent ON seat_change (agent_id, seq);
CREATE INDEX seat_change_by_time ON seat_change (at);
