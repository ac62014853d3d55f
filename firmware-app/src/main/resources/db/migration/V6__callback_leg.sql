-- Two-leg callback calls (融合通信) ring the agent's own phone first: that leg, as JSON
-- {"line": ..., "number": ..., "answeredAt": ...}, is kept with the call's one record. Empty for other modes.
ALTER TABLE call_record ADD COLUMN agent_leg TEXT NOT NULL DEFAULT '';
