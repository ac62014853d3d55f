-- Every call from the moment it has its lines until its record is written: a box killed while a call rings
-- (the CRM already has its ringing event) finds it here at the next start and writes its record, ended as
-- "cut". The record's transaction deletes the row.
CREATE TABLE call_attempt (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    started_at  VARCHAR(32)  NOT NULL,
    call_json   TEXT         NOT NULL
);
