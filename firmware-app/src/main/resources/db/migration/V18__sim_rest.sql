-- SIM protection (防封号): a SIM whose health fell (the network refusing its calls, its connect rate falling,
-- its daily caps reached) rests until the given time: rotation and the dialers leave it alone meanwhile.
CREATE TABLE sim_rest (
    iccid      VARCHAR(24)   NOT NULL PRIMARY KEY,
    since      VARCHAR(32)   NOT NULL,
    until      VARCHAR(32)   NOT NULL,
    reason     VARCHAR(300)  NOT NULL
);

-- The SIM's calls (rotation, the call-rate warning, SIM protection) are counted by card.
CREATE INDEX call_by_sim ON call_record (sim_iccid, started_at);
